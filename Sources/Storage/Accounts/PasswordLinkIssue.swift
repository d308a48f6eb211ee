import Claims
import Digest
import Foundation

/// What it takes to send someone a set-password link: the SHA-256 of its token (the token itself
/// travels only in the e-mail), who sent it, until when it works, and the e-mail carrying it.
public struct PasswordLinkIssue: Sendable {
    public let tokenHash: String
    public let createdBy: Int64?
    public let expiresAt: Date
    public let email: OutgoingEmail

    public init(token: String, createdBy: Int64?, expiresAt: Date, email: OutgoingEmail) {
        tokenHash = SHA256.hexHash(token)
        self.createdBy = createdBy
        self.expiresAt = expiresAt
        self.email = email
    }
}
