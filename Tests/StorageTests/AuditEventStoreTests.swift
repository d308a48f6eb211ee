import Foundation
import Testing
@testable import Storage

@Suite struct AuditEventStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// ASVS V16.2.1: each event keeps when, what, who, about whom, from where and how it ended;
    /// an organization reads only its own, newest first, a page at a time.
    @Test func anOrganizationReadsItsOwnEventsNewestFirstInPages() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteAuditEventStore(database: temp.database)
        for index in 0..<5 {
            try store.record(AuditEvent(at: now.addingTimeInterval(TimeInterval(index)), kind: .login, outcome: .success,
                                        actorID: 1, subjectID: 1, organizationID: 7, clientAddress: "192.0.2.\(index)"))
        }
        try store.record(AuditEvent(at: now, kind: .login, outcome: .failure, actorID: nil, subjectID: 9, organizationID: 8,
                                    clientAddress: "198.51.100.1"))
        try store.record(AuditEvent(at: now, kind: .csrfRefused, outcome: .refused, actorID: nil, subjectID: nil, organizationID: nil,
                                    clientAddress: "", detail: "POST /login"))
        let first = try store.events(organizationID: 7, limit: 2)
        #expect(first.map(\.clientAddress) == ["192.0.2.4", "192.0.2.3"])
        let next = try store.events(organizationID: 7, before: first.last?.id, limit: 10)
        #expect(next.map(\.clientAddress) == ["192.0.2.2", "192.0.2.1", "192.0.2.0"])
        #expect(try store.events(organizationID: 8, limit: 10).map(\.outcome) == [.failure])
        #expect(try store.recent(limit: 1).first?.detail == "POST /login")
    }
}
