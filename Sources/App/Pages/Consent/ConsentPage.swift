import Claims
import Foundation
import Templating

/// The customer's page, reached from the consent e-mail without an account: who claims to have
/// worked with them and on what, what happens if they do nothing, and a way to deny. What it says
/// follows the domain's `ConsentStanding`.
struct ConsentPage: Page {
    static let template = "consent/page"
    var title: String
    var heading: String
    var action: String
    var partner: String
    var customer: String
    var domain: String
    var products: [String]
    var activity: String
    var filed: String
    var approved: String
    var reason: String
    var reasonMaximum: Int
    var error: String?
    var programme: ProgrammeSettings
    /// Set while the customer may deny.
    var open: Open?
    var denied: String?
    /// Set once the customer ended an association after it was sent for incentive evaluation.
    var endedByCustomer: String?
    var closed: String?
    var ended: String?

    struct Open: Sendable {
        var confirming: Bool
        var intro: String
        /// Which rule applies: "until …" (the seed's) or "at any time" (2023 edition).
        var rule: String
        var ifNothing: String
        /// What a denial does now: reject the claim, or end an association that stands.
        var denyBody: String
        var confirmBody: String
        var lastDay: String
    }

    static let fields: TemplateFields<Self> = [
        .text("heading", \.heading), .text("action", \.action), .text("partner", \.partner),
        .text("customer", \.customer), .text("domain", \.domain), .strings("products", \.products),
        .text("activity", \.activity), .text("filed", \.filed), .text("approved", \.approved),
        .text("reason", \.reason), .number("reasonMaximum", \.reasonMaximum), .optional("error", \.error),
        .text("programme", { $0.programme.name }), .optional("contactEmail", { $0.programme.contactEmail }),
        .optional("privacyURL", { $0.programme.privacyURL }),
        .flag("open", { $0.open != nil }), .flag("confirming", { $0.open?.confirming ?? false }),
        .text("intro", { $0.open?.intro ?? "" }), .text("rule", { $0.open?.rule ?? "" }),
        .text("ifNothing", { $0.open?.ifNothing ?? "" }), .text("denyBody", { $0.open?.denyBody ?? "" }),
        .text("confirmBody", { $0.open?.confirmBody ?? "" }), .text("lastDay", { $0.open?.lastDay ?? "" }),
        .optional("denied", \.denied), .optional("endedByCustomer", \.endedByCustomer), .optional("closed", \.closed),
        .optional("ended", \.ended),
    ]
}

struct ConsentUnknownPage: Page {
    static let template = "consent/unknown"
    var title: String
    var programme: ProgrammeSettings
    static let fields: TemplateFields<Self> = [
        .text("programme", { $0.programme.name }), .optional("contactEmail", { $0.programme.contactEmail }),
        .optional("privacyURL", { $0.programme.privacyURL }),
    ]
}
