import Foundation

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
