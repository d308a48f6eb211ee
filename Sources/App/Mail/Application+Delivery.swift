import Foundation

// The outbox as the command line and the background work use it, built once from the
// application's own settings so every caller delivers and lists mail the same way.
extension Application {
    /// A worker over this application's outbox with the configured transport (SMTP, or .eml
    /// files in the mail folder); e-mail links start at `linkBase`.
    public func deliveryWorker(linkBase: String, now: @escaping @Sendable () -> Date) -> DeliveryWorker {
        DeliveryWorker(outbox: outbox, composer: composer(linkBase: linkBase),
                       transport: configuration.mail.transport(mailFolder: configuration.mailDirectory),
                       settings: configuration.mail, now: now, log: log)
    }

    /// The recent outbox, with links starting at `linkBase`.
    public func outboxListing(linkBase: String) -> OutboxListing {
        OutboxListing(outbox: outbox, composer: composer(linkBase: linkBase),
                      mailFolder: configuration.mail.smtp == nil ? configuration.mailDirectory : nil)
    }
}
