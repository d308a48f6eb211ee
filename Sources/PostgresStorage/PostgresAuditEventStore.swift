#if Postgres
import Foundation
import Postgres
import Storage

/// The audit trail's rows in PostgreSQL: written one at a time as events happen, read by an
/// organization's global admins newest first, a page at a time.
public struct PostgresAuditEventStore: AuditEventStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func record(_ event: AuditEvent) throws {
        try database.transaction { connection in
            try connection.execute("""
                INSERT INTO audit_events (at, kind, outcome, actor_id, subject_id, organization_id, client_address, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, [event.at.millisecondsSince1970, event.kind.rawValue, event.outcome.rawValue, event.actorID, event.subjectID,
                      event.organizationID, String(event.clientAddress.prefix(100)), String(event.detail.prefix(200))])
        }
    }

    public func events(organizationID: Int64, before: Int64?, limit: Int) throws -> [AuditEvent] {
        try database.read { connection in
            try connection.query("""
                SELECT * FROM audit_events WHERE organization_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3
                """, [organizationID, before ?? Int64.max, limit]).map(Self.decode)
        }
    }

    public func recent(limit: Int) throws -> [AuditEvent] {
        try database.read { connection in
            try connection.query("SELECT * FROM audit_events ORDER BY id DESC LIMIT $1", [limit]).map(Self.decode)
        }
    }

    static func decode(_ row: PostgresRow) throws -> AuditEvent {
        AuditEvent(id: try row.int64("id"), at: Date(millisecondsSince1970: try row.int64("at")),
                   kind: AuditEvent.Kind(rawValue: try row.string("kind")) ?? .accessRefused,
                   outcome: AuditEvent.Outcome(rawValue: try row.string("outcome")) ?? .refused,
                   actorID: try row.optionalInt64("actor_id"), subjectID: try row.optionalInt64("subject_id"),
                   organizationID: try row.optionalInt64("organization_id"),
                   clientAddress: try row.string("client_address"), detail: try row.string("detail"))
    }
}
#endif
