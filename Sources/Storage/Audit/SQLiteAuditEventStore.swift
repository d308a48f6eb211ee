import Foundation
import SQLite

/// The audit trail's rows: written one at a time as events happen, read by an organization's
/// global admins newest first, a page at a time.
public struct SQLiteAuditEventStore: AuditEventStore {
    private let database: Database

    public init(database: Database) { self.database = database }

    public func record(_ event: AuditEvent) throws {
        try database.pool.write { db in
            try db.run("""
                INSERT INTO audit_events (at, kind, outcome, actor_id, subject_id, organization_id, client_address, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [event.at.millisecondsSince1970, event.kind.rawValue, event.outcome.rawValue, event.actorID, event.subjectID,
                      event.organizationID, String(event.clientAddress.prefix(100)), String(event.detail.prefix(200))])
        }
    }

    /// Up to `limit` of the organization's events with an id below `before` (all when nil), newest first.
    public func events(organizationID: Int64, before: Int64?, limit: Int) throws -> [AuditEvent] {
        try database.pool.read { db in
            try db.query("""
                SELECT * FROM audit_events WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?
                """, [organizationID, before ?? Int64.max, limit]).map(Self.decode)
        }
    }

    /// Every event, newest first (for operators and tests).
    public func recent(limit: Int) throws -> [AuditEvent] {
        try database.pool.read { db in
            try db.query("SELECT * FROM audit_events ORDER BY id DESC LIMIT ?", [limit]).map(Self.decode)
        }
    }

    static func decode(_ row: Row) throws -> AuditEvent {
        AuditEvent(id: try row.int64("id"), at: Date(millisecondsSince1970: try row.int64("at")),
                   kind: AuditEvent.Kind(rawValue: try row.string("kind")) ?? .accessRefused,
                   outcome: AuditEvent.Outcome(rawValue: try row.string("outcome")) ?? .refused,
                   actorID: try row.optionalInt64("actor_id"), subjectID: try row.optionalInt64("subject_id"),
                   organizationID: try row.optionalInt64("organization_id"),
                   clientAddress: try row.string("client_address"), detail: try row.string("detail"))
    }
}
