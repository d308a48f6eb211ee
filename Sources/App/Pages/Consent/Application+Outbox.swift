import Foundation
import HTTP
import Storage
import Templating

extension Application {
    /// Demo only, for reviewers: what the service has e-mailed, so a newcomer can follow a
    /// just-approved claim's consent link without a mailbox.
    func outboxPage(context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let host = context.request.headers["Host"] ?? "\(configuration.http.host):\(configuration.http.port)"
        let listing = OutboxListing(outbox: outbox, composer: composer(linkBase: configuration.mail.baseURL ?? "http://\(host)"),
                                    mailFolder: configuration.mail.smtp == nil ? configuration.mailDirectory : nil)
        let rows: [TemplateValue] = try listing.recent().map { entry in
            let message = entry.message
            return [
                "id": .int(Int(message.id)),
                "kind": .string(l(message.email.kind.messageKey)),
                "subject": .string(entry.subject),
                "recipient": .string(message.email.recipient.rawValue),
                "claim": .string(message.email.claimID.rawValue),
                "status": .string(l("outbox.status.\(message.status.rawValue)")),
                "tone": .string(message.status == .sent ? "ok" : message.status == .failed ? "bad" : "info"),
                "attempts": .int(message.attempts),
                "lastError": message.lastError.map(TemplateValue.string) ?? .null,
                "created": .string(dates.dateTime(message.createdAt)),
                "sent": message.sentAt.map { .string(dates.dateTime($0)) } ?? .null,
                "links": .list(entry.links.map { .string($0) }),
                "hasLinks": .bool(!entry.links.isEmpty),
            ]
        }
        return try pages.render("consent/outbox", title: l("outbox.title"),
                                ["messages": .list(rows), "empty": .bool(rows.isEmpty),
                                 "folder": .string(configuration.mail.smtp == nil ? configuration.mailDirectory : "")],
                                context: context)
    }

    /// E-mail composition with links starting at `linkBase` (e.g. "http://127.0.0.1:8080").
    func composer(linkBase: String) -> EmailComposer {
        let claims = self.claims, accounts = self.accounts
        return EmailComposer(
            templates: emailTemplates, localizer: catalog.localizer(for: configuration.defaultLocale), dates: dates,
            from: configuration.mail.from, linkBase: linkBase.hasSuffix("/") ? String(linkBase.dropLast()) : linkBase,
            partnerName: { id in
                guard let claim = try claims.claim(id), let number = Int64(claim.organization.rawValue) else { return nil }
                return try accounts.organization(id: number)?.name
            })
    }
}
