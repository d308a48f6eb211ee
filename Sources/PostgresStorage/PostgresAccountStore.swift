#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// Organizations, users and their passwords in PostgreSQL. E-mail addresses are unique and found
/// whatever their case, through the `lower(email)` index, as SQLite's `COLLATE NOCASE` finds them.
public struct PostgresAccountStore: AccountStore {
    typealias Failure = AccountFailure

    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    // MARK: organizations

    @discardableResult
    public func createOrganization(name: String, locations: [PartnerLocation], at now: Date) throws -> Organization {
        try database.transaction { connection in
            let id = try connection.insertReturningID("INSERT INTO organizations (name, created_at) VALUES ($1, $2) RETURNING id",
                                                      [name, now.millisecondsSince1970])
            for location in locations {
                try connection.execute("INSERT INTO partner_locations (location_id, organization_id, name) VALUES ($1, $2, $3)",
                                       [location.locationID, id, location.name])
            }
            return Organization(id: id, name: name, locations: locations)
        }
    }

    public func organization(id: Int64) throws -> Organization? {
        try database.read { connection in try Self.organization(id: id, in: connection) }
    }

    public func organization(named name: String) throws -> Organization? {
        try database.read { connection in
            guard let id = try connection.queryOne("SELECT id FROM organizations WHERE name = $1", [name])?.int64("id") else {
                return nil
            }
            return try Self.organization(id: id, in: connection)
        }
    }

    static func organization(id: Int64, in connection: PostgresConnection) throws -> Organization? {
        guard let row = try connection.queryOne("SELECT id, name FROM organizations WHERE id = $1", [id]) else { return nil }
        let locations = try connection.query(
            "SELECT location_id, name FROM partner_locations WHERE organization_id = $1 ORDER BY location_id", [id]
        ).map { PartnerLocation(locationID: try $0.string("location_id"), name: try $0.string("name")) }
        return Organization(id: try row.int64("id"), name: try row.string("name"), locations: locations)
    }

    public func organizationCount() throws -> Int {
        try database.read { connection in try connection.queryOne("SELECT count(*) AS n FROM organizations")?.int("n") ?? 0 }
    }

    // MARK: users

    @discardableResult
    public func createUser(email: String, name: String, role: Role, organizationID: Int64?,
                           passwordHash: String, at now: Date, passwordLink: PasswordLinkIssue?) throws -> UserAccount {
        if role == .reviewer, organizationID != nil { throw Failure.reviewerCannotHaveOrganization }
        if role != .reviewer, organizationID == nil { throw Failure.partnerNeedsOrganization }
        return try database.transaction { connection in
            if try connection.queryOne("SELECT 1 AS taken FROM users WHERE lower(email) = lower($1)", [email]) != nil {
                throw Failure.emailTaken
            }
            if let organizationID,
               try connection.queryOne("SELECT 1 AS known FROM organizations WHERE id = $1", [organizationID]) == nil {
                throw Failure.unknownOrganization
            }
            let id: Int64
            do {
                id = try connection.insertReturningID("""
                    INSERT INTO users (email, name, role, organization_id, password_hash, active, created_at)
                    VALUES ($1, $2, $3, $4, $5, true, $6) RETURNING id
                    """, [email, name, role.rawValue, organizationID, passwordHash, now.millisecondsSince1970])
            } catch let error as PostgresError where error.sqlState == .uniqueViolation {
                // Another node created the address after the check above.
                throw Failure.emailTaken
            }
            guard let user = try Self.user(id: id, in: connection) else {
                throw Failure.unknownOrganization
            }
            if let passwordLink { try PostgresPasswordLinkStore.issue(passwordLink, to: id, at: now, in: connection) }
            return user
        }
    }

    public func credentials(email: String) throws -> (user: UserAccount, passwordHash: String)? {
        try database.read { connection in
            guard let row = try connection.queryOne("SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND active",
                                                    [email]),
                  let user = try Self.user(id: try row.int64("id"), in: connection) else { return nil }
            return (user, try row.string("password_hash"))
        }
    }

    public func holder(ofEmail email: String) throws -> (userID: Int64, organizationID: Int64?)? {
        try database.read { connection in
            try connection.queryOne("SELECT id, organization_id FROM users WHERE lower(email) = lower($1)", [email])
                .map { (try $0.int64("id"), try $0.optionalInt64("organization_id")) }
        }
    }

    public func user(id: Int64) throws -> UserAccount? {
        try database.read { connection in try Self.user(id: id, in: connection) }
    }

    private static let userColumns = """
        SELECT u.id, u.email, u.name, u.role, u.organization_id, u.active, u.locale, o.name AS organization_name,
               (substr(u.password_hash, 1, 1) = '$') AS has_password
        FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        """

    static func user(id: Int64, in connection: PostgresConnection) throws -> UserAccount? {
        try connection.queryOne("\(userColumns) WHERE u.id = $1", [id]).map(decodeUser)
    }

    static func decodeUser(_ row: PostgresRow) throws -> UserAccount {
        UserAccount(
            id: try row.int64("id"), email: try row.string("email"), name: try row.string("name"),
            role: Role(rawValue: try row.string("role")) ?? .incentivesAdmin,
            organizationID: try row.optionalInt64("organization_id"),
            organizationName: try row.optionalString("organization_name"),
            active: try row.bool("active"), locale: try row.optionalString("locale"), hasPassword: try row.bool("has_password"))
    }

    public func locale(email: String) throws -> String? {
        try database.read { connection in
            try connection.queryOne("SELECT locale FROM users WHERE lower(email) = lower($1) AND active", [email])?
                .optionalString("locale")
        }
    }

    public func setLocale(userID: Int64, to locale: String) throws {
        try database.transaction { connection in
            try connection.execute("UPDATE users SET locale = $1 WHERE id = $2", [locale, userID])
        }
    }

    // MARK: passwords

    public func passwordHash(userID: Int64) throws -> String? {
        try database.read { connection in
            try connection.queryOne("SELECT password_hash FROM users WHERE id = $1 AND active", [userID])?.string("password_hash")
        }
    }

    /// Sets a user's password, and in the same transaction ends every other session of theirs and
    /// any set-password link still open: whoever knew the old password or held a link is out.
    public func setPassword(userID: Int64, hash: String, keepingSession: Int64?) throws {
        try database.transaction { connection in
            try connection.execute("UPDATE users SET password_hash = $1 WHERE id = $2", [hash, userID])
            try PostgresSessionStore.endSessions(of: userID, keeping: keepingSession, in: connection)
            try connection.execute("DELETE FROM password_links WHERE user_id = $1", [userID])
        }
    }

    // MARK: managing an organization's users

    public func users(organizationID: Int64) throws -> [UserAccount] {
        try database.read { connection in
            try connection.query("\(Self.userColumns) WHERE u.organization_id = $1 ORDER BY u.active DESC, u.name, u.id",
                                 [organizationID]).map(Self.decodeUser)
        }
    }

    public func userNames(ids: Set<String>) throws -> [String: String] {
        let numbers = ids.compactMap { Int64($0) }
        guard !numbers.isEmpty else { return [:] }
        return try database.read { connection in
            var names: [String: String] = [:]
            for row in try connection.query("SELECT id, name FROM users WHERE id = ANY($1::bigint[])",
                                            [ArrayParameter.bigints(numbers)]) {
                names[String(try row.int64("id"))] = try row.string("name")
            }
            return names
        }
    }

    public func changeRole(userID: Int64, organizationID: Int64, to role: Role) throws {
        guard role.isPartner else { throw UserManagementError.notAPartnerRole }
        try database.transaction { connection in
            let user = try Self.member(userID, of: organizationID, in: connection)
            if user.role == .globalAdmin, role != .globalAdmin, user.active {
                try Self.requireAnotherActiveGlobalAdmin(besides: userID, in: organizationID, connection: connection)
            }
            try connection.execute("UPDATE users SET role = $1 WHERE id = $2", [role.rawValue, userID])
        }
    }

    public func deactivate(userID: Int64, organizationID: Int64) throws {
        try database.transaction { connection in
            let user = try Self.member(userID, of: organizationID, in: connection)
            if user.role == .globalAdmin, user.active {
                try Self.requireAnotherActiveGlobalAdmin(besides: userID, in: organizationID, connection: connection)
            }
            try connection.execute("UPDATE users SET active = false WHERE id = $1", [userID])
            try connection.execute("DELETE FROM sessions WHERE user_id = $1", [userID])
            try connection.execute("DELETE FROM password_links WHERE user_id = $1", [userID])
        }
    }

    public func reactivate(userID: Int64, organizationID: Int64) throws {
        try database.transaction { connection in
            _ = try Self.member(userID, of: organizationID, in: connection)
            try connection.execute("UPDATE users SET active = true WHERE id = $1", [userID])
        }
    }

    /// The user, if they belong to the organization. Locks the organization's row first, so that
    /// two admins changing its users on two nodes take turns: each then counts the global admins
    /// the other left, and two of them can never demote each other at once.
    private static func member(_ userID: Int64, of organizationID: Int64, in connection: PostgresConnection) throws -> UserAccount {
        try connection.execute("SELECT id FROM organizations WHERE id = $1 FOR UPDATE", [organizationID])
        guard let user = try user(id: userID, in: connection), user.organizationID == organizationID else {
            throw UserManagementError.unknownUser
        }
        return user
    }

    private static func requireAnotherActiveGlobalAdmin(besides userID: Int64, in organizationID: Int64,
                                                        connection: PostgresConnection) throws {
        let others = try connection.queryOne("""
            SELECT count(*) AS n FROM users
            WHERE organization_id = $1 AND role = 'global_admin' AND active AND id <> $2
            """, [organizationID, userID])?.int("n") ?? 0
        guard others > 0 else { throw UserManagementError.lastGlobalAdmin }
    }
}
#endif
