import Claims
import Foundation
import Mail
import Storage
import Templating

/// Turns an outbox row into the message a person receives: subject, plain text and HTML from
/// `Templates/emails/<kind>` and the catalog, in the recipient's language, with a Message-ID
/// that is the same on every attempt so a retried delivery is recognisably the same message.
struct EmailComposer: Sendable {
    let templates: EmailTemplates
    let languages: Languages
    let from: MailAddress
    /// "http://127.0.0.1:8080", without a trailing slash.
    let linkBase: String
    /// The name of the partner organization that filed the claim, for the customer's e-mail.
    let partnerName: @Sendable (ClaimID) throws -> String?
    /// The language the recipient reads, if known: the customer contact's for a consent request,
    /// else the saved choice of the user with the recipient's address, or of the claim's filer.
    let recipientLanguage: @Sendable (OutgoingEmail) throws -> String?

    /// Every catalog key `values(_:)` may use, checked at start-up.
    static let messageKeys: Set<String> = {
        var keys: Set<String> = ["mail.greeting", "mail.greeting.anonymous", "mail.claim_line", "mail.products_line",
                                 "mail.reasons", "mail.comment", "mail.signoff", "mail.automatic", "mail.partner_link",
                                 "mail.partner.unknown"]
        for kind in EmailKind.allCases { keys.formUnion(["mail.\(kind.rawValue).subject", "mail.\(kind.rawValue).intro"]) }
        keys.formUnion(["mail.consent_request.link", "mail.consent_request.nothing", "mail.consent_request.deny",
                        "mail.consent_request.deny.any_time", "mail.consent_request.private", "mail.partner_action_required.remove",
                        "mail.partner_action_required.deadline", "mail.rejection.dispute", "mail.rejection.final",
                        "mail.approval.intro.any_time", "mail.ended_by_customer.final", "mail.association_replaced.weighed",
                        "mail.association_replaced.remaining", "mail.association_replaced.ended",
                        "mail.set_password.link", "mail.set_password.account", "mail.set_password.ignore"])
        return keys
    }()

    /// One host part for every Message-ID, taken from the sender's address.
    var messageIDDomain: String {
        from.address.split(separator: "@").last.map(String.init) ?? "cpor.localhost"
    }

    func messageID(for message: Outbox.Message) -> String {
        "<outbox-\(message.id).\(Int(message.createdAt.timeIntervalSince1970))@\(messageIDDomain)>"
    }

    /// The consent page for a token, as the customer's e-mail links to it.
    func consentLink(_ token: String) -> String { linkBase + Route.consent(ConsentToken(token)).href }

    /// The set-password page for a token, as the user's e-mail links to it.
    func passwordLink(_ token: String) -> String { linkBase + Route.passwordLink(token).href }

    /// The links the message carries, for the demo outbox listing; empty once a token is blanked.
    func links(in email: OutgoingEmail) -> [String] {
        switch email.kind {
        case .consentRequest:
            guard let token = email.parameters["consent_token"], !token.isEmpty else { return [] }
            return [consentLink(token)]
        case .setPassword:
            guard let token = email.parameters["password_token"], !token.isEmpty else { return [] }
            return [passwordLink(token)]
        case .partnerActionRequired, .rejection, .approval, .disputeDecision, .deadlineReminder, .endedByCustomer,
             .associationReplaced:
            // Straight to the claim the message is about, where the partner can act on it.
            return email.claimID.map { [linkBase + Route.claim($0).href] } ?? []
        }
    }

    func compose(_ message: Outbox.Message) throws -> MailMessage {
        let email = message.email
        let localizer = languages.localizer(for: try recipientLanguage(email))
        let values = try self.values(email, localizer: localizer)
        let subject = values["subject"]?.text ?? ""
        let name = "emails/" + email.kind.rawValue
        let lookup: (String) -> String? = { localizer.lookup($0) }
        let text = try templates.text.render(name, .object(values), localizer: lookup)
        let html = try templates.html.render(name, .object(values), layout: "emails/layout", localizer: lookup)
        return MailMessage(
            from: from, to: [MailAddress(address: email.recipient.rawValue, name: email.recipientName.isEmpty ? nil : email.recipientName)],
            subject: subject, textBody: text, htmlBody: html, messageID: messageID(for: message), date: message.createdAt,
            headers: (email.claimID.map { [("X-CPOR-Claim", $0.rawValue)] } ?? [])
                + [("X-CPOR-Kind", email.kind.rawValue), ("Content-Language", localizer.locale),
                   ("Auto-Submitted", "auto-generated")])
    }

    /// Everything the templates show, already in words: dates in the deployment's zone, message
    /// keys translated, lists joined, all in the recipient's language.
    func values(_ email: OutgoingEmail, localizer l: Localizer) throws -> [String: TemplateValue] {
        let p = email.parameters
        let dates = l.dates
        func words(_ keys: String?) -> String {
            (keys ?? "").split(separator: ",").map { l(String($0)) }.joined(separator: ", ")
        }
        func instant(_ iso: String?) -> Date? { iso.flatMap { try? Date($0, strategy: .iso8601) } }
        func lastDay(_ iso: String?) -> String { instant(iso).map(dates.deadlineInZone(endingAt:)) ?? "" }
        let partner = (try email.claimID.flatMap(partnerName)) ?? l("mail.partner.unknown")
        var arguments: [String: String] = [
            "claim": email.claimID?.rawValue ?? "", "account": p["account"] ?? "", "claim_name": p["claim_name"] ?? "", "customer_name": p["customer_name"] ?? "",
            "customer_domain": p["customer_domain"] ?? "", "products": words(p["products"]), "partner": partner,
            "name": email.recipientName, "reasons": words(p["reasons"]), "comment": p["comment"] ?? "",
            "products_to_remove": words(p["products_to_remove"]), "decision": words(p["decision"]),
            "deadline": words(p["deadline"]),
            "ended_products": words(p["ended_products"]), "remaining_products": words(p["remaining_products"]),
            "replaced_by": p["replaced_by"] ?? "", "date": instant(p["ended_at"]).map(dates.dateTime) ?? "",
            "own_poe": instant(p["own_poe_at"]).map(dates.dateTime) ?? "—",
            "their_poe": instant(p["replacing_poe_at"]).map(dates.dateTime) ?? "—",
        ]
        arguments["last_day"] = lastDay(p["consent_window_closes_at"] ?? p["respond_by"] ?? p["dispute_window_closes_at"] ?? p["due_at"])
        arguments["expires"] = p["expires_at"].flatMap { try? Date($0, strategy: .iso8601) }
            .map { dates.dateTime($0) + " (" + dates.zoneName(at: $0) + ")" } ?? ""
        let kind = "mail." + email.kind.rawValue
        func line(_ key: String) -> TemplateValue { .string(l(key, arguments)) }
        func optional(_ key: String, when present: String) -> TemplateValue { present.isEmpty ? .null : line(key) }
        // The 2023 edition: the customer may deny at any time, and the e-mails say so.
        let anyTime = p["decline_at_any_time"] == "true" ? ".any_time" : ""

        var values: [String: TemplateValue] = [
            "subject": line(kind + ".subject"),
            "greeting": line(email.recipientName.isEmpty ? "mail.greeting.anonymous" : "mail.greeting"),
            "intro": line(kind + ".intro"),
            "claimLine": line("mail.claim_line"),
            "productsLine": optional("mail.products_line", when: arguments["products"]!),
            "reasons": optional("mail.reasons", when: arguments["reasons"]!),
            "comment": optional("mail.comment", when: arguments["comment"]!),
            "signoff": line("mail.signoff"),
            "automatic": line("mail.automatic"),
        ]
        let links = self.links(in: email)
        values["link"] = links.first.map(TemplateValue.string) ?? .null
        switch email.kind {
        case .consentRequest:
            values["linkLabel"] = line(kind + ".link")
            values["nothing"] = line(kind + ".nothing")
            values["deny"] = line(kind + ".deny" + anyTime)
            values["private"] = line(kind + ".private")
            values["productsLine"] = .null
        case .partnerActionRequired:
            values["linkLabel"] = line("mail.partner_link")
            values["remove"] = optional(kind + ".remove", when: arguments["products_to_remove"]!)
            values["deadline"] = line(kind + ".deadline")
        case .rejection:
            values["linkLabel"] = line("mail.partner_link")
            values["next"] = line(p["disputable"] == "true" ? kind + ".dispute" : kind + ".final")
        case .approval:
            values["linkLabel"] = line("mail.partner_link")
            values["intro"] = line(kind + ".intro" + anyTime)
        case .disputeDecision, .deadlineReminder:
            values["linkLabel"] = line("mail.partner_link")
        case .endedByCustomer:
            values["linkLabel"] = line("mail.partner_link")
            values["next"] = line(kind + ".final")
        case .associationReplaced:
            values["linkLabel"] = line("mail.partner_link")
            values["weighed"] = line(kind + ".weighed")
            values["next"] = line(arguments["remaining_products"]!.isEmpty ? kind + ".ended" : kind + ".remaining")
        case .setPassword:
            values["linkLabel"] = line(kind + ".link")
            values["account"] = line(kind + ".account")
            values["ignore"] = line(kind + ".ignore")
            values["claimLine"] = .null
        }
        return values
    }
}

private extension TemplateValue {
    var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

extension EmailComposer {
    /// Composers for this deployment, one per link base: the service's own address, or the address
    /// a page was reached at (the demo outbox).
    static func factory(templates: EmailTemplates, languages: Languages, configuration: AppConfiguration,
                        claims: any ClaimQueries, accounts: any AccountStore) -> @Sendable (String) -> EmailComposer {
        { linkBase in
            EmailComposer(
                templates: templates, languages: languages,
                from: configuration.mail.from, linkBase: linkBase.hasSuffix("/") ? String(linkBase.dropLast()) : linkBase,
                partnerName: { id in
                    guard let claim = try claims.claim(id), let number = Int64(claim.organization.rawValue) else { return nil }
                    return try accounts.organization(id: number)?.name
                },
                recipientLanguage: { email in
                    switch email.kind {
                    case .consentRequest: try email.claimID.flatMap(claims.claim)?.details.customerContact.language
                    case .setPassword: try accounts.locale(email: email.recipient.rawValue)
                    case .partnerActionRequired, .rejection, .approval, .disputeDecision, .deadlineReminder, .endedByCustomer,
                         .associationReplaced:
                        // The partner contact on the claim may have no account: then the language of
                        // the user who filed it.
                        try accounts.locale(email: email.recipient.rawValue) ?? email.claimID.flatMap(claims.claim)
                            .flatMap { Int64($0.createdBy.rawValue) }.flatMap { try accounts.user(id: $0)?.locale }
                    }
                })
        }
    }
}
