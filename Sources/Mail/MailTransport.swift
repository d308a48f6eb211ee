/// Hands a rendered message on for delivery. Implementations throw `MailError`, so the outbox
/// can tell a retry from a dead letter.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) throws
}
