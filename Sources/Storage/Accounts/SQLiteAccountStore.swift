import Claims
import Digest
import Foundation
import SQLite

/// Organizations, users and their passwords (sessions are `SQLiteSessionStore`'s).
public struct SQLiteAccountStore: AccountStore {
    typealias Failure = AccountFailure

    private let database: Database

    public init(database: Database) { self.database = database }

    // MARK: organizations

    @discardableResult
    public func createOrganization(name: String, locations: [PartnerLocation], at now: Date) throws -> Organization {
        try database.pool.write { db in
            try db.transaction {
                try db.run("INSERT INTO organizations (name, created_at) VALUES (?, ?)", [name, now.millisecondsSince1970])
                let id = db.lastInsertRowID
                for location in locations {
                    try db.run("INSERT INTO partner_locations (location_id, organization_id, name) VALUES (?, ?, ?)",
                               [location.locationID, id, location.name])
                }
                return Organization(id: id, name: name, locations: locations)
            }
        }
    }

    public func organization(id: Int64) throws -> Organization? {
        try database.pool.read { db in
            guard let row = try db.queryOne("SELECT id, name FROM organizations WHERE id = ?", [id]) else { return nil }
            let locations = try db.query(
                "SELECT location_id, name FROM partner_locations WHERE organization_id = ? ORDER BY location_id", [id]
            ).map { PartnerLocation(locationID: try $0.string("location_id"), name: try $0.string("name")) }
            return Organization(id: try row.int64("id"), name: try row.string("name"), locations: locations)
        }
    }

    public func organization(named name: String) throws -> Organization? {
        let id = try database.pool.read { db in
            try db.queryOne("SELECT id FROM organizations WHERE name = ?", [name]).map { try $0.int64("id") }
        }
        return try id.flatMap { try organization(id: $0) }
    }

    public func organizationCount() throws -> Int {
        try database.pool.read { db in try db.queryOne("SELECT count(*) AS n FROM organizations")?.int("n") ?? 0 }
    }

    // MARK: users

    /// A new user. With `passwordLink`, the link that lets them set their first password is stored
    /// and its e-mail queued in the same transaction.
    @discardableResult
    public func createUser(email: String, name: String, role: Role, organizationID: Int64?,
                           passwordHash: String, at now: Date, passwordLink: PasswordLinkIssue?) throws -> UserAccount {
        if role == .reviewer, organizationID != nil { throw Failure.reviewerCannotHaveOrganization }
        if role != .reviewer, organizationID == nil { throw Failure.partnerNeedsOrganization }
        return try database.pool.write { db in
            try db.transaction {
                if try db.queryOne("SELECT 1 FROM users WHERE email = ?", [email]) != nil { throw Failure.emailTaken }
                if let organizationID,
                   try db.queryOne("SELECT 1 FROM organizations WHERE id = ?", [organizationID]) == nil {
                    throw Failure.unknownOrganization
                }
                try db.run("""
                    INSERT INTO users (email, name, role, organization_id, password_hash, active, created_at)
                    VALUES (?, ?, ?, ?, ?, 1, ?)
                    """, [email, name, role.rawValue, organizationID, passwordHash, now.millisecondsSince1970])
                let id = db.lastInsertRowID
                guard let user = try Self.user(where: "u.id = ?", [id], in: db) else { throw Failure.unknownOrganization }
                if let passwordLink { try SQLitePasswordLinkStore.issue(passwordLink, to: id, at: now, in: db) }
                return user
            }
        }
    }

    /// The active user with this e-mail and their password hash, for login.
    public func credentials(email: String) throws -> (user: UserAccount, passwordHash: String)? {
        try database.pool.read { db in
            guard let row = try db.queryOne("SELECT id, password_hash FROM users WHERE email = ? AND active = 1",
                                            [email]) else { return nil }
            guard let user = try Self.user(where: "u.id = ?", [try row.int64("id")], in: db) else { return nil }
            return (user, try row.string("password_hash"))
        }
    }

    /// Who holds an address, active or not: their id and organization (nil for a reviewer).
    public func holder(ofEmail email: String) throws -> (userID: Int64, organizationID: Int64?)? {
        try database.pool.read { db in
            try db.queryOne("SELECT id, organization_id FROM users WHERE email = ?", [email])
                .map { (try $0.int64("id"), try $0.optionalInt64("organization_id")) }
        }
    }

    public func user(id: Int64) throws -> UserAccount? {
        try database.pool.read { db in try Self.user(where: "u.id = ?", [id], in: db) }
    }

    private static let userColumns = """
        SELECT u.id, u.email, u.name, u.role, u.organization_id, u.active, u.locale, o.name AS organization_name,
               (substr(u.password_hash, 1, 1) = '$') AS has_password
        FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        """

    static func user(where condition: String, _ parameters: [any SQLiteBindable], in db: Connection) throws -> UserAccount? {
        try db.queryOne("\(userColumns) WHERE \(condition)", parameters).map(decodeUser)
    }

    static func decodeUser(_ row: Row) throws -> UserAccount {
        UserAccount(
            id: try row.int64("id"), email: try row.string("email"), name: try row.string("name"),
            role: Role(rawValue: try row.string("role")) ?? .incentivesAdmin,
            organizationID: try row.optionalInt64("organization_id"),
            organizationName: try row.optionalString("organization_name"),
            active: try row.bool("active"), locale: try row.optionalString("locale"), hasPassword: try row.bool("has_password"))
    }

    /// The language saved by the active user with this e-mail, if any.
    public func locale(email: String) throws -> String? {
        try database.pool.read { db in
            try db.queryOne("SELECT locale FROM users WHERE email = ? AND active = 1", [email])?.optionalString("locale")
        }
    }

    /// Saves the language a user chose; it follows them to every browser and into their e-mails.
    public func setLocale(userID: Int64, to locale: String) throws {
        try database.pool.write { db in
            try db.run("UPDATE users SET locale = ? WHERE id = ?", [locale, userID])
        }
    }

    // MARK: passwords

    /// The password hash of an active user, to check the current password before a change.
    public func passwordHash(userID: Int64) throws -> String? {
        try database.pool.read { db in
            try db.queryOne("SELECT password_hash FROM users WHERE id = ? AND active = 1", [userID])?.string("password_hash")
        }
    }

    /// Sets a user's password, and in the same transaction ends every other session of theirs and
    /// any set-password link still open: whoever knew the old password or held a link is out.
    public func setPassword(userID: Int64, hash: String, keepingSession: Int64?) throws {
        try database.pool.write { db in
            try db.transaction {
                try db.run("UPDATE users SET password_hash = ? WHERE id = ?", [hash, userID])
                try SQLiteSessionStore.endSessions(of: userID, keeping: keepingSession, in: db)
                try db.run("DELETE FROM password_links WHERE user_id = ?", [userID])
            }
        }
    }

    // MARK: managing an organization's users

    /// Every user of the organization, active first, then by name.
    public func users(organizationID: Int64) throws -> [UserAccount] {
        try database.pool.read { db in
            try db.query("\(Self.userColumns) WHERE u.organization_id = ? ORDER BY u.active DESC, u.name, u.id",
                         [organizationID]).map(Self.decodeUser)
        }
    }

    /// Names of the given users (by their IDs as text), for history lines and comment authors.
    public func userNames(ids: Set<String>) throws -> [String: String] {
        let numbers = ids.compactMap { Int64($0) }
        guard !numbers.isEmpty else { return [:] }
        return try database.pool.read { db in
            var names: [String: String] = [:]
            let placeholders = Array(repeating: "?", count: numbers.count).joined(separator: ", ")
            for row in try db.query("SELECT id, name FROM users WHERE id IN (\(placeholders))", numbers) {
                names[String(try row.int64("id"))] = try row.string("name")
            }
            return names
        }
    }

    /// Changes a user's role within their organization. Refused if it would leave the
    /// organization without an active global admin; checked in the same transaction as the change.
    public func changeRole(userID: Int64, organizationID: Int64, to role: Role) throws {
        guard role.isPartner else { throw UserManagementError.notAPartnerRole }
        try database.pool.write { db in
            try db.transaction {
                let user = try Self.member(userID, of: organizationID, in: db)
                if user.role == .globalAdmin, role != .globalAdmin, user.active {
                    try Self.requireAnotherActiveGlobalAdmin(besides: userID, in: organizationID, db: db)
                }
                try db.run("UPDATE users SET role = ? WHERE id = ?", [role.rawValue, userID])
            }
        }
    }

    /// Deactivates a user: they can no longer log in and their sessions stop working at once.
    public func deactivate(userID: Int64, organizationID: Int64) throws {
        try database.pool.write { db in
            try db.transaction {
                let user = try Self.member(userID, of: organizationID, in: db)
                if user.role == .globalAdmin, user.active {
                    try Self.requireAnotherActiveGlobalAdmin(besides: userID, in: organizationID, db: db)
                }
                try db.run("UPDATE users SET active = 0 WHERE id = ?", [userID])
                try db.run("DELETE FROM sessions WHERE user_id = ?", [userID])
                try db.run("DELETE FROM password_links WHERE user_id = ?", [userID])
            }
        }
    }

    /// Lets a deactivated user of the organization log in again (with their old password).
    public func reactivate(userID: Int64, organizationID: Int64) throws {
        try database.pool.write { db in
            try db.transaction {
                _ = try Self.member(userID, of: organizationID, in: db)
                try db.run("UPDATE users SET active = 1 WHERE id = ?", [userID])
            }
        }
    }

    private static func member(_ userID: Int64, of organizationID: Int64, in db: Connection) throws -> UserAccount {
        guard let user = try user(where: "u.id = ? AND u.organization_id = ?", [userID, organizationID], in: db) else {
            throw UserManagementError.unknownUser
        }
        return user
    }

    private static func requireAnotherActiveGlobalAdmin(besides userID: Int64, in organizationID: Int64, db: Connection) throws {
        let others = try db.queryOne("""
            SELECT count(*) AS n FROM users
            WHERE organization_id = ? AND role = 'global_admin' AND active = 1 AND id != ?
            """, [organizationID, userID])?.int("n") ?? 0
        guard others > 0 else { throw UserManagementError.lastGlobalAdmin }
    }
}

/// Why a change to an organization's users was refused.
public enum UserManagementError: Error, Equatable {
    /// Not a user of this organization (or no such user): the same answer either way.
    case unknownUser
    /// The organization must keep at least one active global admin.
    case lastGlobalAdmin
    case notAPartnerRole
}
