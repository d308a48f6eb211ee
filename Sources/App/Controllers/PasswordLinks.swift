import Claims
import Foundation
import Secrets
import Storage

/// Sends set-password links (ASVS V6.4): a new user's way to their first password, and a global
/// admin's way to let someone back in. The token is 256 random bits, travels only in the e-mail,
/// works once and for `lifetime`, and the database keeps its SHA-256.
struct PasswordLinks: Sendable {
    let store: any PasswordLinkStore
    let random: SecureRandom
    let clock: Clock
    let lifetime: TimeInterval
    let outboxWakeUp: OutboxWakeUp

    /// The link and its e-mail for the account with this address and name, sent by `admin`;
    /// stored by `send`, or with a new user by `AccountStore.createUser`.
    func issue(email address: String, name: String, by admin: UserAccount?) throws -> PasswordLinkIssue {
        guard let recipient = EmailAddress(parsing: address) else { throw Unaddressable() }
        let token = random.token()
        let expiresAt = clock.now().addingTimeInterval(lifetime)
        let email = OutgoingEmail(kind: .setPassword, recipient: recipient, recipientName: name, claimID: nil,
                                  parameters: ["password_token": token, "expires_at": expiresAt.formatted(Date.ISO8601FormatStyle()),
                                               "account": address])
        return PasswordLinkIssue(token: token, createdBy: admin?.id, expiresAt: expiresAt, email: email)
    }

    /// Replaces any link the user has with a new one, and queues its e-mail.
    func send(to user: UserAccount, by admin: UserAccount?) throws {
        try store.issue(try issue(email: user.email, name: user.name, by: admin), to: user.id, at: clock.now())
        queued()
    }

    /// A link's e-mail was queued (with a new user, say): delivery sends it now, not at its next pass.
    func queued() { outboxWakeUp.signal() }

    /// The account's address cannot take an e-mail (said without the address: errors are logged).
    struct Unaddressable: Error, CustomStringConvertible {
        var description: String { "the account's address is not one a link can be e-mailed to" }
    }
}
