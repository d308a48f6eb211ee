import Claims
import Foundation
import SQLite
import Testing
import Digest
import TestSupport
@testable import Storage

@Suite struct SessionStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let client = SessionClient(address: "192.0.2.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")

    func store(_ temp: MigratedDatabase, idle: TimeInterval = 1800, absolute: TimeInterval = 3600) -> SessionStore {
        SQLiteSessionStore(database: temp.database, timeouts: SessionTimeouts(absolute: absolute, idle: idle))
    }

    func user(_ temp: MigratedDatabase, _ email: String = "r@x") throws -> UserAccount {
        try SQLiteAccountStore(database: temp.database).createUser(email: email, name: "R", role: .reviewer, organizationID: nil,
                                                             passwordHash: "h", at: now)
    }

    @Test func sessionsAreFoundByTokenUntilTheyExpireAndStoreOnlyAHash() throws {
        let temp = try MigratedDatabase()
        let sessions = store(temp, idle: 7200)
        let user = try user(temp)
        try sessions.create(userID: user.id, token: "secret-token", csrfToken: "csrf", client: client, at: now)
        let found = try #require(try sessions.session(token: "secret-token", at: now))
        #expect(found.user.id == user.id && found.csrfToken == "csrf")
        #expect(found.record.clientAddress == "192.0.2.7" && found.record.userAgent.hasPrefix("Mozilla"))
        #expect(try sessions.session(token: "other", at: now) == nil)
        #expect(try sessions.session(token: "secret-token", at: now.addingTimeInterval(3600)) == nil, "the absolute end")
        let stored = try temp.database.pool.read { try $0.query("SELECT token_hash FROM sessions") }
        #expect(stored.count == 1)
        #expect(try stored[0].string("token_hash") != "secret-token")
        try sessions.end(token: "secret-token")
        #expect(try sessions.session(token: "secret-token", at: now) == nil)
    }

    /// ASVS V7.3.1: a session unused for the idle timeout ends; each request (recorded at most once
    /// a minute) moves that deadline, but never past the absolute one.
    @Test func anIdleSessionEndsAndActivityKeepsItAliveUntilTheAbsoluteEnd() throws {
        let temp = try MigratedDatabase()
        let sessions = store(temp, idle: 1800, absolute: 3 * 3600)
        let user = try user(temp)
        try sessions.create(userID: user.id, token: "t", csrfToken: "c", client: client, at: now)
        var session = try #require(try sessions.session(token: "t", at: now))
        #expect(try sessions.recordActivity(session.record, at: now.addingTimeInterval(30)) == false, "within a minute: no write")
        for minutes in stride(from: 25, through: 175, by: 25) {
            let at = now.addingTimeInterval(TimeInterval(minutes * 60))
            session = try #require(try sessions.session(token: "t", at: at), "minute \(minutes)")
            #expect(try sessions.recordActivity(session.record, at: at))
        }
        #expect(try sessions.session(token: "t", at: now.addingTimeInterval(3 * 3600)) == nil, "the absolute end holds")
        try sessions.create(userID: user.id, token: "idle", csrfToken: "c", client: client, at: now)
        #expect(try sessions.session(token: "idle", at: now.addingTimeInterval(1799)) != nil)
        #expect(try sessions.session(token: "idle", at: now.addingTimeInterval(1800)) == nil)
    }

    @Test func aUserListsAndEndsOnlyTheirOwnSessions() throws {
        let temp = try MigratedDatabase()
        let sessions = store(temp)
        let ana = try user(temp, "ana@x"), bo = try user(temp, "bo@x")
        try sessions.create(userID: ana.id, token: "a1", csrfToken: "c", client: client, at: now)
        try sessions.create(userID: ana.id, token: "a2", csrfToken: "c", client: client, at: now.addingTimeInterval(60))
        try sessions.create(userID: bo.id, token: "b1", csrfToken: "c", client: client, at: now)
        let listed = try sessions.sessions(userID: ana.id, at: now.addingTimeInterval(120))
        #expect(listed.count == 2 && listed[0].createdAt > listed[1].createdAt, "most recently used first")
        let bos = try #require(try sessions.session(token: "b1", at: now)).record.id
        #expect(try sessions.end(id: bos, userID: ana.id) == false, "not hers")
        #expect(try sessions.session(token: "b1", at: now) != nil)
        #expect(try sessions.end(id: listed[1].id, userID: ana.id))
        #expect(try sessions.session(token: "a1", at: now.addingTimeInterval(120)) == nil)
        #expect(try sessions.session(token: "a2", at: now.addingTimeInterval(120)) != nil)
    }

    /// ASVS V7.4.3: a password change ends the user's other sessions, in the same transaction.
    @Test func aPasswordChangeEndsEveryOtherSession() throws {
        let temp = try MigratedDatabase()
        let sessions = store(temp)
        let accounts = SQLiteAccountStore(database: temp.database)
        let user = try user(temp)
        try sessions.create(userID: user.id, token: "here", csrfToken: "c", client: client, at: now)
        try sessions.create(userID: user.id, token: "there", csrfToken: "c", client: client, at: now)
        let here = try #require(try sessions.session(token: "here", at: now))
        try accounts.setPassword(userID: user.id, hash: "$y$new", keepingSession: here.record.id)
        #expect(try sessions.session(token: "here", at: now) != nil)
        #expect(try sessions.session(token: "there", at: now) == nil)
        #expect(try accounts.passwordHash(userID: user.id) == "$y$new")
        #expect(try accounts.user(id: user.id)?.hasPassword == true)
    }

    @Test func migrationElevenKeepsSessionsFromBefore() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/old.sqlite"
        let connection = try Connection(path: path)
        try Migrator(Array(Schema.migrations.prefix { $0.id < 11 })).migrate(connection)
        try connection.run("INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('r@x', 'R', 'reviewer', 'h', 0)")
        try connection.run("""
            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, 1, 'c', ?, ?)
            """, [SHA256.hexHash("old"), now.millisecondsSince1970, now.addingTimeInterval(3600).millisecondsSince1970])
        connection.close()
        let database = try Database(path: path)
        defer { database.close() }
        let session = try SQLiteSessionStore(database: database).session(token: "old", at: now.addingTimeInterval(60))
        #expect(session?.record.lastActiveAt == now, "idle since it began")
    }
}
