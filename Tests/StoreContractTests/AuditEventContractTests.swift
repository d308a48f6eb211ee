import Foundation
import Storage
import Testing

/// The audit trail, on every backend.
@Suite struct AuditEventContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Each event keeps when, what, who, about whom, from where and how it ended; an organization
    /// reads only its own, newest first, a page at a time.
    @Test(arguments: Backend.all) func anOrganizationReadsItsOwnEventsNewestFirstInPages(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.auditEvents
        for index in 0..<5 {
            try store.record(AuditEvent(at: Self.now.addingTimeInterval(TimeInterval(index)), kind: .login, outcome: .success,
                                        actorID: 1, subjectID: 1, organizationID: 7, clientAddress: "192.0.2.\(index)"))
        }
        try store.record(AuditEvent(at: Self.now, kind: .login, outcome: .failure, actorID: nil, subjectID: 9, organizationID: 8,
                                    clientAddress: "198.51.100.1"))
        try store.record(AuditEvent(at: Self.now, kind: .csrfRefused, outcome: .refused, actorID: nil, subjectID: nil, organizationID: nil,
                                    clientAddress: String(repeating: "a", count: 150), detail: "POST /login"))
        let first = try store.events(organizationID: 7, limit: 2)
        #expect(first.map(\.clientAddress) == ["192.0.2.4", "192.0.2.3"])
        #expect(first[0].at == Self.now.addingTimeInterval(4) && first[0].kind == .login && first[0].outcome == .success)
        #expect(first[0].actorID == 1 && first[0].subjectID == 1 && first[0].organizationID == 7)
        let next = try store.events(organizationID: 7, before: first.last?.id, limit: 10)
        #expect(next.map(\.clientAddress) == ["192.0.2.2", "192.0.2.1", "192.0.2.0"])
        #expect(try store.events(organizationID: 8, limit: 10).map(\.outcome) == [.failure])
        let newest = try #require(try store.recent(limit: 1).first)
        #expect(newest.detail == "POST /login" && newest.organizationID == nil && newest.actorID == nil)
        #expect(newest.clientAddress.count == 100, "addresses are cut to their column's size")
        #expect(try store.recent(limit: 10).count == 7)
    }
}
