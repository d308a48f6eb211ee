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
