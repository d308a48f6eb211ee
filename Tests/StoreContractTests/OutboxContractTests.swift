import Claims
import Foundation
import Storage
import Testing

/// What every outbox does, on every backend.
@Suite struct OutboxContractTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    /// Queues `count` set-password e-mails (the one kind the accounts store queues by itself).
    static func queue(_ count: Int, in stores: Stores) throws {
        let organization = try stores.accounts.createOrganization(name: "Contoso", locations: [], at: now)
        for index in 0..<count {
            let email = "user\(index)@contoso.example"
            let user = try stores.accounts.createUser(email: email, name: "User \(index)", role: .incentivesAdmin,
                                                      organizationID: organization.id, passwordHash: "!", at: now)
            try stores.passwordLinks.issue(
                PasswordLinkIssue(token: "token-\(index)", createdBy: nil, expiresAt: now.addingTimeInterval(3600),
                                  email: OutgoingEmail(kind: .setPassword, recipient: EmailAddress(parsing: email)!, recipientName: "User \(index)", claimID: nil,
                                                       parameters: ["password_token": "token-\(index)"])),
                to: user.id, at: now)
        }
    }

    @Test(arguments: Backend.all) func aClaimedMessageIsNotTakenAgainUntilItsLeaseEnds(_ backend: Backend) throws {
        let test = try backend.makeStores()
        try Self.queue(3, in: test.stores)
        let outbox = test.stores.outbox
        let first = try outbox.claimDue(at: Self.now, limit: 2, leaseUntil: Self.now.addingTimeInterval(600))
        #expect(first.count == 2)
        let second = try outbox.claimDue(at: Self.now, limit: 10, leaseUntil: Self.now.addingTimeInterval(600))
        #expect(second.count == 1)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(try outbox.claimDue(at: Self.now, limit: 10, leaseUntil: Self.now.addingTimeInterval(600)).isEmpty)
        // A worker that died: its messages are due again when the lease ends.
        let again = try outbox.claimDue(at: Self.now.addingTimeInterval(600), limit: 10, leaseUntil: Self.now.addingTimeInterval(1200))
        #expect(again.count == 3)
    }

    @Test(arguments: Backend.all) func releasedMessagesAreDueAtOnce(_ backend: Backend) throws {
        let test = try backend.makeStores()
        try Self.queue(2, in: test.stores)
        let outbox = test.stores.outbox
        let taken = try outbox.claimDue(at: Self.now, limit: 10, leaseUntil: Self.now.addingTimeInterval(600))
        try outbox.release([taken[1].id], dueAt: Self.now)
        #expect(try outbox.due(at: Self.now, limit: 10).map(\.id) == [taken[1].id])
    }

    @Test(arguments: Backend.all) func sendingBlanksTheLinkTokenAndFailingKeepsTheMessage(_ backend: Backend) throws {
        let test = try backend.makeStores()
        try Self.queue(2, in: test.stores)
        let outbox = test.stores.outbox
        let taken = try outbox.claimDue(at: Self.now, limit: 10, leaseUntil: Self.now.addingTimeInterval(600))
        try #require(taken.count == 2)
        #expect(taken[0].email.parameters["password_token"] == "token-0")
        try outbox.markSent(taken[0].id, at: Self.now)
        try outbox.markFailed(taken[1].id, error: "550 no such user", retryAt: nil)
        let recent = try outbox.recent(limit: 10)
        let sent = try #require(recent.first { $0.id == taken[0].id })
        #expect(sent.status == .sent && sent.sentAt == Self.now && sent.attempts == 1)
        #expect(sent.email.parameters["password_token"] == "")
        #expect(sent.email.recipient == taken[0].email.recipient)
        let failed = try #require(recent.first { $0.id == taken[1].id })
        #expect(failed.status == .failed && failed.lastError == "550 no such user" && failed.attempts == 1)
        #expect(try outbox.due(at: Self.now.addingTimeInterval(86_400), limit: 10).isEmpty)
    }

    @Test(arguments: Backend.all) func aFailedAttemptIsRetriedWhenItSays(_ backend: Backend) throws {
        let test = try backend.makeStores()
        try Self.queue(1, in: test.stores)
        let outbox = test.stores.outbox
        let message = try #require(try outbox.claimDue(at: Self.now, limit: 1, leaseUntil: Self.now.addingTimeInterval(600)).first)
        try outbox.markFailed(message.id, error: "421 try later", retryAt: Self.now.addingTimeInterval(60))
        #expect(try outbox.due(at: Self.now.addingTimeInterval(59), limit: 10).isEmpty)
        let retried = try #require(try outbox.due(at: Self.now.addingTimeInterval(60), limit: 10).first)
        #expect(retried.attempts == 1 && retried.lastError == "421 try later" && retried.status == .pending)
    }
}

/// Delivery workers on two nodes.
@Suite struct OutboxWorkersContractTests {
    /// Two workers taking due messages at the same moment never get the same message, and
    /// between them (and a later pass) take every one once.
    @Test(arguments: Backend.all) func twoWorkersClaimingAtOnceNeverTakeOneMessage(_ backend: Backend) throws {
        let test = try backend.makeStores()
        try OutboxContractTests.queue(20, in: test.stores)
        let now = OutboxContractTests.now
        let workers = [test.stores.outbox, try test.node().outbox]
        let taken = Results<[Int64]>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                for _ in 0..<4 {
                    taken.append(try workers[index].claimDue(at: now, limit: 3, leaseUntil: now.addingTimeInterval(600)).map(\.id))
                }
            } catch {
                Issue.record(error)
            }
        }
        let concurrent = taken.values.flatMap { $0 }
        #expect(concurrent.count == Set(concurrent).count, "no message taken twice: \(taken.values)")
        let rest = try test.stores.outbox.claimDue(at: now, limit: 100, leaseUntil: now.addingTimeInterval(600)).map(\.id)
        #expect(concurrent.count + rest.count == 20 && Set(concurrent + rest).count == 20)
    }
}
