import Claims
import Foundation
import Storage
import Testing

/// Sessions: found by their token until either deadline, listed and ended by their owner, ended
/// by a password change, on every backend.
@Suite struct SessionStoreContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let client = SessionClient(address: "192.0.2.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")

    static func user(_ stores: Stores, _ email: String = "r@x") throws -> UserAccount {
        try stores.accounts.createUser(email: email, name: "R", role: .reviewer, organizationID: nil, passwordHash: "h", at: now)
    }

    @Test(arguments: Backend.all) func sessionsAreFoundByTokenUntilTheyExpire(_ backend: Backend) throws {
        let test = try backend.makeStores(sessionTimeouts: SessionTimeouts(absolute: 3600, idle: 7200))
        let sessions = test.stores.sessions
        let user = try Self.user(test.stores)
        try sessions.create(userID: user.id, token: "secret-token", csrfToken: "csrf", client: Self.client, at: Self.now)
        let found = try #require(try sessions.session(token: "secret-token", at: Self.now))
        #expect(found.user == user && found.csrfToken == "csrf")
        #expect(found.record.clientAddress == "192.0.2.7" && found.record.userAgent.hasPrefix("Mozilla"))
        #expect(found.record.createdAt == Self.now && found.record.lastActiveAt == Self.now)
        #expect(found.record.expiresAt == Self.now.addingTimeInterval(3600))
        #expect(try sessions.session(token: "other", at: Self.now) == nil)
        #expect(try sessions.session(token: "secret-token", at: Self.now.addingTimeInterval(3600)) == nil, "the absolute end")
        try sessions.end(token: "secret-token")
        #expect(try sessions.session(token: "secret-token", at: Self.now) == nil)
    }

    /// A session unused for the idle timeout ends; each request (recorded at most once a minute)
    /// moves that deadline, but never past the absolute one.
    @Test(arguments: Backend.all) func anIdleSessionEndsAndActivityKeepsItAliveUntilTheAbsoluteEnd(_ backend: Backend) throws {
        let test = try backend.makeStores(sessionTimeouts: SessionTimeouts(absolute: 3 * 3600, idle: 1800))
        let sessions = test.stores.sessions
        let user = try Self.user(test.stores)
        try sessions.create(userID: user.id, token: "t", csrfToken: "c", client: Self.client, at: Self.now)
        var session = try #require(try sessions.session(token: "t", at: Self.now))
        #expect(try sessions.recordActivity(session.record, at: Self.now.addingTimeInterval(30)) == false, "within a minute: no write")
        for minutes in stride(from: 25, through: 175, by: 25) {
            let at = Self.now.addingTimeInterval(TimeInterval(minutes * 60))
            session = try #require(try sessions.session(token: "t", at: at), "minute \(minutes)")
            #expect(try sessions.recordActivity(session.record, at: at))
        }
        #expect(try sessions.session(token: "t", at: Self.now.addingTimeInterval(3 * 3600)) == nil, "the absolute end holds")
        try sessions.create(userID: user.id, token: "idle", csrfToken: "c", client: Self.client, at: Self.now)
        #expect(try sessions.session(token: "idle", at: Self.now.addingTimeInterval(1799)) != nil)
        #expect(try sessions.session(token: "idle", at: Self.now.addingTimeInterval(1800)) == nil)
    }

    @Test(arguments: Backend.all) func aUserListsAndEndsOnlyTheirOwnSessions(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let sessions = test.stores.sessions
        let ana = try Self.user(test.stores, "ana@x"), bo = try Self.user(test.stores, "bo@x")
        try sessions.create(userID: ana.id, token: "a1", csrfToken: "c", client: Self.client, at: Self.now)
        try sessions.create(userID: ana.id, token: "a2", csrfToken: "c", client: Self.client, at: Self.now.addingTimeInterval(60))
        try sessions.create(userID: ana.id, token: "a3", csrfToken: "c", client: Self.client, at: Self.now.addingTimeInterval(90))
        try sessions.create(userID: bo.id, token: "b1", csrfToken: "c", client: Self.client, at: Self.now)
        let listed = try sessions.sessions(userID: ana.id, at: Self.now.addingTimeInterval(120))
        #expect(listed.map(\.createdAt) == [90, 60, 0].map { Self.now.addingTimeInterval($0) }, "most recently used first")
        let bos = try #require(try sessions.session(token: "b1", at: Self.now)).record.id
        #expect(try sessions.end(id: bos, userID: ana.id) == false, "not hers")
        #expect(try sessions.session(token: "b1", at: Self.now) != nil)
        #expect(try sessions.end(id: listed[2].id, userID: ana.id))
        #expect(try sessions.session(token: "a1", at: Self.now.addingTimeInterval(120)) == nil)
        #expect(try sessions.endOthers(userID: ana.id, keeping: listed[0].id) == 1)
        #expect(try sessions.sessions(userID: ana.id, at: Self.now.addingTimeInterval(120)).map(\.id) == [listed[0].id])
        #expect(try sessions.session(token: "b1", at: Self.now) != nil)
    }

    /// A password change ends the user's other sessions, in the same transaction.
    @Test(arguments: Backend.all) func aPasswordChangeEndsEveryOtherSession(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let sessions = test.stores.sessions, accounts = test.stores.accounts
        let user = try Self.user(test.stores)
        try sessions.create(userID: user.id, token: "here", csrfToken: "c", client: Self.client, at: Self.now)
        try sessions.create(userID: user.id, token: "there", csrfToken: "c", client: Self.client, at: Self.now)
        let here = try #require(try sessions.session(token: "here", at: Self.now))
        try accounts.setPassword(userID: user.id, hash: "$y$new", keepingSession: here.record.id)
        #expect(try sessions.session(token: "here", at: Self.now) != nil)
        #expect(try sessions.session(token: "there", at: Self.now) == nil)
        #expect(try accounts.passwordHash(userID: user.id) == "$y$new")
        #expect(try accounts.user(id: user.id)?.hasPassword == true)
    }

    @Test(arguments: Backend.all) func aDeactivatedUsersSessionsEnd(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let accounts = test.stores.accounts
        let org = try accounts.createOrganization(name: "Contoso", locations: [], at: Self.now)
        _ = try accounts.createUser(email: "ana@x", name: "Ana", role: .globalAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        let bo = try accounts.createUser(email: "bo@x", name: "Bo", role: .billingAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        try test.stores.sessions.create(userID: bo.id, token: "bo", csrfToken: "c", client: Self.client, at: Self.now)
        try accounts.deactivate(userID: bo.id, organizationID: org.id)
        try accounts.reactivate(userID: bo.id, organizationID: org.id)
        #expect(try test.stores.sessions.session(token: "bo", at: Self.now) == nil)
    }
}
