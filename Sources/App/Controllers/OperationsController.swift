import Foundation
import HTTP
import Storage

/// What is not a page of the workflow: the health check, static files, and (demo only) the outbox
/// of every e-mail the service has queued or sent, for reviewers without a mailbox.
struct OperationsController: Sendable {
    let staticFiles: StaticFiles
    let outbox: any OutboxStore
    let pages: PageRenderer
    let demo: Bool
    /// Where `.eml` copies are written when there is no SMTP server; nil with one.
    let mailFolder: String?
    /// E-mail composition with links starting at the given base (e.g. "http://127.0.0.1:8080").
    let composer: @Sendable (_ linkBase: String) -> EmailComposer
    /// The link base configured for e-mails, if any; else the request's own host.
    let configuredLinkBase: String?
    let listeningAddress: String

    func healthz() -> HTTPResponse { .text("ok") }

    func asset(_ file: String, context: RequestContext) throws -> HTTPResponse {
        guard let response = staticFiles.response(rawPath: file, request: context.request) else { throw HTTPError.notFound }
        return response
    }

    func outboxPage(context: RequestContext) throws -> HTTPResponse {
        guard demo else { throw HTTPError.notFound }
        let l = context.localizer
        let dates = l.dates
        let host = context.request.headers["Host"] ?? listeningAddress
        let listing = OutboxListing(outbox: outbox, composer: composer(configuredLinkBase ?? "http://\(host)"), mailFolder: mailFolder)
        let messages = try listing.recent().map { entry in
            let message = entry.message
            return OutboxPage.Message(
                id: Int(message.id), kind: l(message.email.kind.messageKey), subject: entry.subject,
                recipient: message.email.recipient.rawValue, claim: message.email.claimID?.rawValue,
                status: l("outbox.status.\(message.status.rawValue)"),
                tone: message.status == .sent ? "ok" : message.status == .failed ? "bad" : "info",
                attempts: message.attempts, lastError: message.lastError, created: dates.dateTime(message.createdAt),
                sent: message.sentAt.map(dates.dateTime), links: entry.links)
        }
        return pages.render(OutboxPage(title: l("outbox.title"), messages: messages, folder: mailFolder ?? ""), context: context)
    }
}
