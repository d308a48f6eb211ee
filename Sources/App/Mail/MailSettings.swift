import Foundation
import Mail

/// How e-mails leave the outbox: the transport, the sender, the address links point at, and how
/// patiently a failing delivery is retried.
public struct MailSettings: Sendable {
    /// Nil writes each message as an .eml file into `<data folder>/mail/` instead of sending it.
    public var smtp: SMTPConfiguration?
    public var from = MailAddress(address: "no-reply@cpor.localhost", name: ProgrammeSettings().name)
    /// Where links in e-mails point; nil means the address the server listens on.
    public var baseURL: String?
    /// How often the worker looks for due messages when nothing wakes it sooner.
    public var pollInterval: Duration = .seconds(5)
    /// A failed attempt is retried after this delay, doubled for each further failure…
    public var firstRetryDelay: TimeInterval = 60
    /// …until this many attempts have failed; then the message is marked failed and stays listed.
    public var maxAttempts = 6

    public init() {}

    /// When the next attempt should be after `attempts` failed ones, or nil to give up.
    public func retryDelay(afterFailedAttempts attempts: Int) -> TimeInterval? {
        guard attempts < maxAttempts else { return nil }
        return firstRetryDelay * pow(2, Double(max(attempts - 1, 0)))
    }
}

extension MailSettings {
    /// SMTP when a server is configured, otherwise .eml files in `mailFolder`.
    func transport(mailFolder: String) -> any MailTransport {
        if let smtp { return SMTPTransport(configuration: smtp) }
        return FileTransport(folder: mailFolder)
    }
}
