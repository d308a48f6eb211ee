import Claims
import Digest
import Foundation

// What the web app asks of a store, one protocol per concern. SQLite (one file, the default) and
// PostgreSQL (several nodes on one database) each implement every one of them, with the same
// meaning: a method that changes several rows does so in one transaction, and the store, not the
// caller, keeps them consistent.

/// Organizations, users and their passwords.
public protocol AccountStore: Sendable {
    @discardableResult
    func createOrganization(name: String, locations: [PartnerLocation], at now: Date) throws -> Organization
    func organization(id: Int64) throws -> Organization?
    func organization(named name: String) throws -> Organization?
    func organizationCount() throws -> Int

    /// A new user. With `passwordLink`, the link that lets them set their first password is stored
    /// and its e-mail queued in the same transaction. Throws `AccountFailure`.
    @discardableResult
    func createUser(email: String, name: String, role: Role, organizationID: Int64?,
                    passwordHash: String, at now: Date, passwordLink: PasswordLinkIssue?) throws -> UserAccount
    /// The active user with this e-mail and their password hash, for login.
    func credentials(email: String) throws -> (user: UserAccount, passwordHash: String)?
    /// Who holds an address, active or not: their id and organization (nil for a reviewer).
    func holder(ofEmail email: String) throws -> (userID: Int64, organizationID: Int64?)?
    func user(id: Int64) throws -> UserAccount?
    /// The language saved by the active user with this e-mail, if any.
    func locale(email: String) throws -> String?
    func setLocale(userID: Int64, to locale: String) throws
    /// The password hash of an active user, to check the current password before a change.
    func passwordHash(userID: Int64) throws -> String?
    /// Sets a user's password, and in the same transaction ends every other session of theirs and
    /// any set-password link still open.
    func setPassword(userID: Int64, hash: String, keepingSession: Int64?) throws
    /// Every user of the organization, active first, then by name.
    func users(organizationID: Int64) throws -> [UserAccount]
    /// Names of the given users (by their IDs as text), for history lines and comment authors.
    func userNames(ids: Set<String>) throws -> [String: String]
    /// Refused (`UserManagementError`) if it would leave the organization without an active global admin.
    func changeRole(userID: Int64, organizationID: Int64, to role: Role) throws
    func deactivate(userID: Int64, organizationID: Int64) throws
    func reactivate(userID: Int64, organizationID: Int64) throws
}

extension AccountStore {
    @discardableResult
    public func createUser(email: String, name: String, role: Role, organizationID: Int64?,
                           passwordHash: String, at now: Date) throws -> UserAccount {
        try createUser(email: email, name: name, role: role, organizationID: organizationID,
                       passwordHash: passwordHash, at: now, passwordLink: nil)
    }
}

/// Why a user could not be created.
public enum AccountFailure: Error, Equatable {
    case emailTaken
    case unknownOrganization
    case reviewerCannotHaveOrganization
    case partnerNeedsOrganization
}

/// Login sessions, kept by the SHA-256 of their token. A session ends `timeouts.absolute` after its
/// login, or `timeouts.idle` after its last request, whichever comes first.
public protocol SessionStore: Sendable {
    var timeouts: SessionTimeouts { get }
    func create(userID: Int64, token: String, csrfToken: String, client: SessionClient, at now: Date) throws
    /// The live session for a cookie token; nil if unknown, past either deadline, or its user was deactivated.
    func session(token: String, at now: Date) throws -> Session?
    /// Moves the idle deadline; true when it wrote (at most once per resolution, e.g. a minute).
    @discardableResult
    func recordActivity(_ session: SessionRecord, at now: Date) throws -> Bool
    /// A user's live sessions, the most recently used first.
    func sessions(userID: Int64, at now: Date) throws -> [SessionRecord]
    func end(token: String) throws
    /// Ends one of the user's sessions; false when they have no session with that id.
    func end(id: Int64, userID: Int64) throws -> Bool
    /// Ends every session of the user but `keeping`; returns how many ended.
    @discardableResult
    func endOthers(userID: Int64, keeping: Int64) throws -> Int
}

/// Failed logins per key (an account's e-mail hash, a client address), for throttling.
public protocol LoginFailureStore: Sendable {
    /// The failures recorded against each key since `since`, oldest first.
    func failures(keys: [String], since: Date) throws -> [String: [Date]]
    /// Records a failure against each key, and forgets every failure older than `horizon`.
    func record(keys: [String], at now: Date, forgetBefore horizon: Date) throws
    func clear(key: String) throws
}

/// The keys a login attempt counts against.
public enum LoginFailureKeys {
    /// Its account (by the hash of the e-mail) and, when known, its client address.
    public static func keys(email: String, address: String) -> [String] {
        var keys = ["account:" + SHA256.hexHash(email.lowercased())]
        if !address.isEmpty { keys.append("address:" + address) }
        return keys
    }
}

/// Single-use links that set a user's password.
public protocol PasswordLinkStore: Sendable {
    /// Stores the link, replacing the user's older ones, and queues its e-mail, in one transaction.
    func issue(_ link: PasswordLinkIssue, to userID: Int64, at now: Date) throws
    /// The active user a live link is for, or nil when the token is unknown, used or expired.
    func user(token: String, at now: Date) throws -> UserAccount?
    /// Sets the password through the link, which is used up; every session of the user ends. Nil
    /// (and nothing changed) when the link is no longer live.
    func redeem(token: String, passwordHash: String, at now: Date) throws -> UserAccount?
}

/// The key that signs a visitor's CSRF cookie before login, shared by every node.
public protocol ServerSecretStore: Sendable {
    /// The stored key; `make` is called, and its result kept, only when there is none yet. Two
    /// nodes starting at once end up with the same key.
    func csrfKey(orMake make: () -> [UInt8], at now: Date) throws -> [UInt8]
}

/// The audit trail's rows.
public protocol AuditEventStore: Sendable {
    func record(_ event: AuditEvent) throws
    /// Up to `limit` of the organization's events with an id below `before` (all when nil), newest first.
    func events(organizationID: Int64, before: Int64?, limit: Int) throws -> [AuditEvent]
    /// Every event, newest first (for operators and tests).
    func recent(limit: Int) throws -> [AuditEvent]
}

extension AuditEventStore {
    public func events(organizationID: Int64, limit: Int) throws -> [AuditEvent] {
        try events(organizationID: organizationID, before: nil, limit: limit)
    }
}

/// The operator's tenant directory.
public protocol TenantDirectoryStore: Sendable {
    /// Replaces the whole directory and records the import, in one transaction.
    @discardableResult
    func replace(with entries: [TenantDirectoryEntry], source: String, at now: Date) throws -> DirectoryFigures
    func clear(at now: Date) throws
    /// The directory as far as `tenants` go: `.notLoaded` when there is none.
    func directory(for tenants: [TenantID]) throws -> TenantDirectory
    func figures() throws -> DirectoryFigures
}

/// E-mails waiting to be delivered, written in the same transaction as the change that caused
/// them; a delivery worker takes due rows, sends them and marks them sent, or, after repeated
/// failures, failed (kept and visible, never dropped).
public protocol OutboxStore: Sendable {
    /// Pending messages whose next attempt is due, oldest first (a read; nothing is taken).
    func due(at now: Date, limit: Int) throws -> [Outbox.Message]
    /// Takes up to `limit` due messages for delivery: until `leaseUntil` no other worker, on this
    /// node or another, takes them; if this one dies before marking them, they are due again then.
    func claimDue(at now: Date, limit: Int, leaseUntil: Date) throws -> [Outbox.Message]
    /// Gives messages taken by `claimDue` and not tried back, due at `dueAt`.
    func release(_ ids: [Int64], dueAt: Date) throws
    func recent(limit: Int) throws -> [Outbox.Message]
    /// Records the delivery, and blanks a consent or set-password link's token in the stored copy.
    func markSent(_ id: Int64, at now: Date) throws
    /// Records a failed attempt: retried at `retryAt`, or marked failed when there is none.
    func markFailed(_ id: Int64, error: String, retryAt: Date?) throws
}

public enum Outbox {
    public struct Message: Sendable, Equatable {
        public let id: Int64
        public let email: OutgoingEmail
        public let createdAt: Date
        public let status: Status
        public let attempts: Int
        public let lastError: String?
        public let sentAt: Date?

        public init(id: Int64, email: OutgoingEmail, createdAt: Date, status: Status, attempts: Int,
                    lastError: String?, sentAt: Date?) {
            self.id = id
            self.email = email
            self.createdAt = createdAt
            self.status = status
            self.attempts = attempts
            self.lastError = lastError
            self.sentAt = sentAt
        }
    }

    public enum Status: String, Sendable { case pending, sent, failed }
}

/// Figures about the live store for monitoring and readiness.
public protocol StoreFigures: Sendable {
    /// Answers only when the store can run a query: what `/readyz` asks.
    func ping() throws
    func outboxDepth() throws -> OutboxDepth
    /// Bytes of PoE stored: each distinct file once, however many rows name it.
    func documentBytes() throws -> Int64
    /// How big the database is on disk, and its write-ahead log where it has one of its own.
    func databaseSize() throws -> DatabaseSize
}

public struct DatabaseSize: Sendable, Equatable {
    public var bytes: Int64
    /// SQLite's `-wal` file, which shrinks at checkpoints; nil for a server database.
    public var walBytes: Int64?

    public init(bytes: Int64, walBytes: Int64?) {
        self.bytes = bytes
        self.walBytes = walBytes
    }
}

public struct OutboxDepth: Sendable, Equatable {
    public var pending = 0
    /// Pending messages that have failed at least once and wait for a retry.
    public var retrying = 0
    public var failed = 0
    public var sent = 0

    public init() {}
}

/// Every store the web app uses, from one backend.
public struct Stores: Sendable {
    public let claims: any ClaimQueries
    public let accounts: any AccountStore
    public let sessions: any SessionStore
    public let loginFailures: any LoginFailureStore
    public let passwordLinks: any PasswordLinkStore
    public let serverSecret: any ServerSecretStore
    public let auditEvents: any AuditEventStore
    public let tenantDirectory: any TenantDirectoryStore
    public let outbox: any OutboxStore
    public let figures: any StoreFigures

    public init(claims: any ClaimQueries, accounts: any AccountStore, sessions: any SessionStore,
                loginFailures: any LoginFailureStore, passwordLinks: any PasswordLinkStore,
                serverSecret: any ServerSecretStore, auditEvents: any AuditEventStore,
                tenantDirectory: any TenantDirectoryStore, outbox: any OutboxStore, figures: any StoreFigures) {
        self.claims = claims
        self.accounts = accounts
        self.sessions = sessions
        self.loginFailures = loginFailures
        self.passwordLinks = passwordLinks
        self.serverSecret = serverSecret
        self.auditEvents = auditEvents
        self.tenantDirectory = tenantDirectory
        self.outbox = outbox
        self.figures = figures
    }

    /// Every store on one SQLite file.
    public static func sqlite(_ database: Database, sessionTimeouts: SessionTimeouts = SessionTimeouts()) -> Stores {
        Stores(claims: SQLiteClaimStore(database: database), accounts: SQLiteAccountStore(database: database),
               sessions: SQLiteSessionStore(database: database, timeouts: sessionTimeouts),
               loginFailures: SQLiteLoginFailures(database: database), passwordLinks: SQLitePasswordLinkStore(database: database),
               serverSecret: SQLiteServerSecretStore(database: database), auditEvents: SQLiteAuditEventStore(database: database),
               tenantDirectory: SQLiteTenantDirectoryStore(database: database), outbox: SQLiteOutbox(database: database),
               figures: SQLiteStoreFigures(database: database))
    }
}

/// PoE bytes, addressed by their SHA-256. SQLite's store keeps them as files beside the database;
/// PostgreSQL's keeps them in the database, so every node reads the same documents.
public protocol DocumentContentStore: Sendable {
    /// Where uploads are spooled while they arrive (a local folder).
    var incomingDirectory: String { get }
    /// Takes over the finished temporary file at `temporaryPath`, whose content hashes to `sha256`;
    /// the temporary file is gone afterwards. Durable before this returns, so the row the caller
    /// commits next never names bytes a crash could lose.
    func store(temporaryPath: String, sha256: String) throws
    /// Whatever of `store`'s work can be done before the transaction that stores the file (and
    /// is harmless if that transaction never comes), so that less of it holds the transaction.
    func prepare(temporaryPath: String, sha256: String) throws
    /// `store` for a file that `prepare` was given and that nothing has written to since: it may
    /// skip what `prepare` did.
    func storePrepared(temporaryPath: String, sha256: String) throws
    /// A local file holding the document's bytes, to send; nil when no document has that digest.
    func file(sha256: String) throws -> String?
}

extension DocumentContentStore {
    /// Nothing to do ahead for a store that takes the bytes inside its transaction.
    public func prepare(temporaryPath: String, sha256: String) throws {}

    /// The whole of `store`, for a store whose `prepare` does nothing.
    public func storePrepared(temporaryPath: String, sha256: String) throws {
        try store(temporaryPath: temporaryPath, sha256: sha256)
    }
}
