import Claims
import Foundation
import Testing
@testable import Storage

/// ASVS V6.4: a set-password link is stored as a hash, works once and until it expires, and a newer
/// one replaces it; using it sets the password and ends every session.
@Suite struct PasswordLinkStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func link(_ token: String, expiresIn seconds: TimeInterval = 3600) -> PasswordLinkIssue {
        let email = OutgoingEmail(kind: .setPassword, recipient: EmailAddress(parsing: "ana@x.example")!, recipientName: "Ana",
                                  claimID: nil, parameters: ["password_token": token])
        return PasswordLinkIssue(token: token, createdBy: nil, expiresAt: now.addingTimeInterval(seconds), email: email)
    }

    @Test func aLinkWorksOnceUntilItExpiresAndANewerOneReplacesIt() throws {
        let temp = try MigratedDatabase()
        let accounts = SQLiteAccountStore(database: temp.database)
        let links = SQLitePasswordLinkStore(database: temp.database)
        let sessions = SQLiteSessionStore(database: temp.database)
        let org = try accounts.createOrganization(name: "Contoso", locations: [], at: now)
        let ana = try accounts.createUser(email: "ana@x.example", name: "Ana", role: .billingAdmin, organizationID: org.id,
                                          passwordHash: "!", at: now, passwordLink: link("first"))
        #expect(ana.hasPassword == false)
        #expect(try links.user(token: "first", at: now)?.id == ana.id)
        let stored = try temp.database.pool.read { try $0.query("SELECT token_hash FROM password_links") }
        #expect(stored.count == 1)
        #expect(try stored[0].string("token_hash") != "first")
        let queued = try SQLiteOutbox(database: temp.database).due(at: now, limit: 10)
        #expect(queued.count == 1 && queued[0].email.kind == .setPassword && queued[0].email.claimID == nil)

        try links.issue(link("second"), to: ana.id, at: now)
        #expect(try links.user(token: "first", at: now) == nil, "replaced")
        #expect(try links.user(token: "second", at: now.addingTimeInterval(3600)) == nil, "expired")

        try sessions.create(userID: ana.id, token: "s", csrfToken: "c", client: SessionClient(address: "", userAgent: ""), at: now)
        #expect(try links.redeem(token: "second", passwordHash: "$y$set", at: now)?.id == ana.id)
        #expect(try accounts.passwordHash(userID: ana.id) == "$y$set")
        #expect(try sessions.session(token: "s", at: now) == nil, "every session ends")
        #expect(try links.redeem(token: "second", passwordHash: "$y$again", at: now) == nil, "used up")
        #expect(try accounts.passwordHash(userID: ana.id) == "$y$set")
    }

    @Test func theTokenIsBlankedInTheOutboxOnceSent() throws {
        let temp = try MigratedDatabase()
        let accounts = SQLiteAccountStore(database: temp.database)
        let org = try accounts.createOrganization(name: "Contoso", locations: [], at: now)
        _ = try accounts.createUser(email: "ana@x.example", name: "Ana", role: .billingAdmin, organizationID: org.id,
                                    passwordHash: "!", at: now, passwordLink: link("secret-token"))
        let outbox = SQLiteOutbox(database: temp.database)
        let message = try #require(try outbox.due(at: now, limit: 1).first)
        try outbox.markSent(message.id, at: now)
        #expect(try outbox.recent(limit: 1).first?.email.parameters["password_token"] == "")
    }
}
