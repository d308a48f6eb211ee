import Foundation

/// A logged-in browser: who it is, the token its forms must echo back, and its record.
public struct Session: Sendable, Equatable {
    public let user: UserAccount
    public let csrfToken: String
    public let record: SessionRecord

    public init(user: UserAccount, csrfToken: String, record: SessionRecord) {
        self.user = user
        self.csrfToken = csrfToken
        self.record = record
    }
}

/// One signed-in browser as its owner sees it on their sessions page: when it began, when it was
/// last used, and where from. Never its token.
public struct SessionRecord: Sendable, Equatable {
    public let id: Int64
    public let createdAt: Date
    public let lastActiveAt: Date
    /// The absolute end, however busy the session is.
    public let expiresAt: Date
    public let clientAddress: String
    public let userAgent: String

    public init(id: Int64, createdAt: Date, lastActiveAt: Date, expiresAt: Date, clientAddress: String, userAgent: String) {
        self.id = id
        self.createdAt = createdAt
        self.lastActiveAt = lastActiveAt
        self.expiresAt = expiresAt
        self.clientAddress = clientAddress
        self.userAgent = userAgent
    }
}

/// How long a session lasts: `absolute` from its login whatever happens, and `idle` from its last request.
public struct SessionTimeouts: Sendable, Equatable {
    public var absolute: TimeInterval
    public var idle: TimeInterval

    public init(absolute: TimeInterval = 12 * 60 * 60, idle: TimeInterval = 30 * 60) {
        self.absolute = absolute
        self.idle = idle
    }
}

/// Where a login came from, kept with its session for its owner to recognise.
public struct SessionClient: Sendable, Equatable {
    public var address: String
    public var userAgent: String

    public init(address: String, userAgent: String) {
        self.address = address
        self.userAgent = userAgent
    }
}
