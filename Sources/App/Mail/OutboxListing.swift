import Foundation
import Mail
import Storage

/// The recent outbox as people read it, for the demo page and `cpor outbox`: each message with
/// its state of delivery and the links it carries (from the queued parameters while pending,
/// from the delivered .eml copy once sent through the file transport).
public struct OutboxListing {
    public struct Entry {
        public let message: Outbox.Message
        public let subject: String
        public let links: [String]
    }

    let outbox: any OutboxStore
    let composer: EmailComposer
    /// The file transport's folder, or nil when mail goes out by SMTP (no copies are kept).
    let mailFolder: String?

    public func recent(limit: Int = 100) throws -> [Entry] {
        try outbox.recent(limit: limit).map { message in
            let composed = try? composer.compose(message)
            var links = composer.links(in: message.email)
            // A sent link's token is blanked in the database: the demo's mailbox copy still has it.
            let prefix: String? = switch message.email.kind {
            case .consentRequest: "/consent/"
            case .setPassword: "/password/"
            case .partnerActionRequired, .rejection, .approval, .disputeDecision, .deadlineReminder, .endedByCustomer,
                 .associationReplaced: nil
            }
            if message.status == .sent, let prefix {
                links = mailFolder.flatMap { folder in composed.map { DeliveredCopy.links(of: $0, in: folder, linkPrefix: prefix) } } ?? []
            }
            return Entry(message: message, subject: composed?.subject ?? message.email.kind.rawValue, links: links)
        }
    }
}
