import Claims
import Foundation
import Storage
import Testing

/// A set-password link is stored as a hash, works once and until it expires, and a newer one
/// replaces it; using it sets the password and ends every session.
@Suite struct PasswordLinkContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func link(_ token: String, expiresIn seconds: TimeInterval = 3600) -> PasswordLinkIssue {
        let email = OutgoingEmail(kind: .setPassword, recipient: EmailAddress(parsing: "ana@x.example")!, recipientName: "Ana",
                                  claimID: nil, parameters: ["password_token": token])
        return PasswordLinkIssue(token: token, createdBy: nil, expiresAt: now.addingTimeInterval(seconds), email: email)
    }

    @Test(arguments: Backend.all) func aLinkWorksOnceUntilItExpiresAndANewerOneReplacesIt(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let accounts = test.stores.accounts, links = test.stores.passwordLinks, sessions = test.stores.sessions
        let org = try accounts.createOrganization(name: "Contoso", locations: [], at: Self.now)
        let ana = try accounts.createUser(email: "ana@x.example", name: "Ana", role: .billingAdmin, organizationID: org.id,
                                          passwordHash: "!", at: Self.now, passwordLink: Self.link("first"))
        #expect(ana.hasPassword == false)
        #expect(try links.user(token: "first", at: Self.now)?.id == ana.id)
        let queued = try test.stores.outbox.due(at: Self.now, limit: 10)
        #expect(queued.count == 1 && queued[0].email.kind == .setPassword && queued[0].email.claimID == nil)

        try links.issue(Self.link("second"), to: ana.id, at: Self.now)
        #expect(try test.stores.outbox.due(at: Self.now, limit: 10).count == 2, "each link's e-mail is queued with it")
        #expect(try links.user(token: "first", at: Self.now) == nil, "replaced")
        #expect(try links.user(token: "second", at: Self.now.addingTimeInterval(3600)) == nil, "expired")
        #expect(try links.redeem(token: "second", passwordHash: "$y$late", at: Self.now.addingTimeInterval(3600)) == nil)

        try sessions.create(userID: ana.id, token: "s", csrfToken: "c", client: SessionClient(address: "", userAgent: ""), at: Self.now)
        #expect(try links.redeem(token: "second", passwordHash: "$y$set", at: Self.now)?.id == ana.id)
        #expect(try accounts.passwordHash(userID: ana.id) == "$y$set")
        #expect(try accounts.user(id: ana.id)?.hasPassword == true)
        #expect(try sessions.session(token: "s", at: Self.now) == nil, "every session ends")
        #expect(try links.redeem(token: "second", passwordHash: "$y$again", at: Self.now) == nil, "used up")
        #expect(try accounts.passwordHash(userID: ana.id) == "$y$set")
    }

    @Test(arguments: Backend.all) func aDeactivatedUsersLinkNoLongerWorks(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let accounts = test.stores.accounts
        let org = try accounts.createOrganization(name: "Contoso", locations: [], at: Self.now)
        _ = try accounts.createUser(email: "boss@x.example", name: "Boss", role: .globalAdmin, organizationID: org.id,
                                    passwordHash: "h", at: Self.now)
        let ana = try accounts.createUser(email: "ana@x.example", name: "Ana", role: .billingAdmin, organizationID: org.id,
                                          passwordHash: "!", at: Self.now, passwordLink: Self.link("token"))
        try accounts.deactivate(userID: ana.id, organizationID: org.id)
        try accounts.reactivate(userID: ana.id, organizationID: org.id)
        #expect(try test.stores.passwordLinks.user(token: "token", at: Self.now) == nil)
    }

    @Test(arguments: Backend.all) func theTokenIsBlankedInTheOutboxOnceSent(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let org = try test.stores.accounts.createOrganization(name: "Contoso", locations: [], at: Self.now)
        _ = try test.stores.accounts.createUser(email: "ana@x.example", name: "Ana", role: .billingAdmin, organizationID: org.id,
                                                passwordHash: "!", at: Self.now, passwordLink: Self.link("secret-token"))
        let outbox = test.stores.outbox
        let message = try #require(try outbox.due(at: Self.now, limit: 1).first)
        #expect(message.email.parameters["password_token"] == "secret-token")
        try outbox.markSent(message.id, at: Self.now)
        #expect(try outbox.recent(limit: 1).first?.email.parameters["password_token"] == "")
    }

    /// One link used on two nodes at the same moment sets the password once.
    @Test(arguments: Backend.all) func aLinkRedeemedOnTwoNodesAtOnceWorksOnce(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let org = try test.stores.accounts.createOrganization(name: "Contoso", locations: [], at: Self.now)
        _ = try test.stores.accounts.createUser(email: "ana@x.example", name: "Ana", role: .billingAdmin, organizationID: org.id,
                                                passwordHash: "!", at: Self.now, passwordLink: Self.link("token"))
        let nodes = [test.stores.passwordLinks, try test.node().passwordLinks]
        let redeemed = Results<Bool>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                redeemed.append(try nodes[index].redeem(token: "token", passwordHash: "$y$\(index)", at: Self.now) != nil)
            } catch {
                Issue.record(error)
            }
        }
        #expect(redeemed.values.filter { $0 }.count == 1 && redeemed.values.count == 2)
    }
}
