import Claims
import Foundation
import HTTP
import Storage

/// The customer's page, reached from the consent e-mail without an account. The token in the path
/// is the only credential, so the page is never cached nor sent on as a Referer, and a token that
/// opens nothing — never issued, mistyped, tampered with, replaced — gets one answer.
struct ConsentController: Sendable {
    let updates: ClaimUpdates
    let presenters: Presenters
    let pages: PageRenderer
    let clock: Clock
    let programme: ProgrammeSettings

    private var store: any ClaimQueries { updates.store }

    func page(_ token: ConsentToken, confirming: Bool, context: RequestContext) throws -> HTTPResponse {
        guard let claim = try store.claim(consentToken: token) else { return unknown(context) }
        let context = Self.inContactsLanguage(context, claim: claim)
        return try consentPage(claim, token: token, confirming: confirming, context: context)
    }

    func deny(_ token: ConsentToken, context: RequestContext) throws -> HTTPResponse {
        guard let claim = try store.claim(consentToken: token) else { return unknown(context) }
        let context = Self.inContactsLanguage(context, claim: claim)
        let reason = context.form.text("reason")
        return try Refusal.catching(localizer: context.localizer, {
            try updates.perform([.denyConsent(token: token, reason: reason)], on: claim.id, version: nil, by: .customer)
            // Post/redirect/get: reloading the answer does not submit again.
            return Self.private(.redirect(to: Route.consent(token).href))
        }, refused: { refusal in
            if refusal.place == .text {
                return try consentPage(claim, token: token, confirming: true, reason: reason, error: refusal.message,
                                       status: refusal.status, context: context)
            }
            // Denied already, window closed, or withdrawn meanwhile: say how things stand now.
            let current = try store.claim(consentToken: token) ?? claim
            return try consentPage(current, token: token, confirming: false, status: .conflict, context: context)
        })
    }

    /// The page speaks the language the partner gave for the customer's contact, unless the
    /// reader chose another with the switch.
    private static func inContactsLanguage(_ context: RequestContext, claim: Claim) -> RequestContext {
        var context = context
        context.prefer(claim.details.customerContact.language, over: .browser)
        return context
    }

    private func unknown(_ context: RequestContext) -> HTTPResponse {
        Self.private(pages.render(ConsentUnknownPage(title: context.localizer("consent.unknown.title"), programme: programme),
                                  status: .notFound, context: context))
    }

    private func consentPage(_ claim: Claim, token: ConsentToken, confirming: Bool, reason: String = "",
                             error: String? = nil, status: HTTPStatus = .ok, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let dates = l.dates
        let partner = try presenters.organizationName(claim.organization) ?? l("mail.partner.unknown")
        let details = claim.details
        var page = ConsentPage(
            title: "", heading: "", action: Route.consent(token).href, partner: partner, customer: details.customer.name,
            domain: details.customer.domain?.rawValue ?? "", products: details.products.map { l($0.messageKey) },
            activity: details.activity.map { l($0.messageKey) } ?? "", filed: dates.day(claim.createdAt),
            approved: claim.approval.map { dates.day($0.approvedAt) } ?? "", reason: reason,
            reasonMaximum: Comment.maximumLength, error: error, programme: programme)
        let titleKey: String
        /// The page while the customer may deny: which rule applies, and what a denial does now.
        func open(lastDay end: Date, rule: String, ifNothing: String, phase: String) -> ConsentPage.Open {
            let lastDay = dates.deadlineInZone(endingAt: end)
            return ConsentPage.Open(
                confirming: confirming, intro: l("consent.open.intro", ["partner": partner, "customer": details.customer.name]),
                rule: l(rule, ["last_day": lastDay]), ifNothing: l(ifNothing, ["last_day": lastDay]),
                denyBody: l("consent.\(phase).deny.body"), confirmBody: l("consent.\(phase).confirm.body"), lastDay: lastDay)
        }
        switch claim.consentStanding(at: clock.now(), policy: updates.rules.policy) {
        case .open(let closesAt):
            page.open = open(lastDay: closesAt, rule: "consent.rule.until", ifNothing: "consent.open.if_nothing", phase: "open")
            titleKey = confirming ? "consent.confirm.title" : "consent.open.title"
        case .openAtAnyTime(let closesAt):
            page.open = open(lastDay: closesAt, rule: "consent.rule.any_time", ifNothing: "consent.open.if_nothing.any_time", phase: "open")
            titleKey = confirming ? "consent.confirm.title" : "consent.open.title"
        case .openAfterEvaluation(let sentAt):
            page.open = open(lastDay: sentAt, rule: "consent.rule.any_time", ifNothing: "consent.evaluated.if_nothing", phase: "evaluated")
            titleKey = confirming ? "consent.confirm.title" : "consent.open.title"
        case .denied(let at):
            page.denied = l("consent.denied.body", ["date": dates.dateTime(at), "partner": partner])
            titleKey = "consent.denied.title"
        case .endedByCustomer(let at):
            page.endedByCustomer = l("consent.ended_by_customer.body", ["date": dates.dateTime(at), "partner": partner])
            titleKey = "consent.ended_by_customer.title"
        case .windowClosed(let closedAt):
            page.closed = l("consent.closed.body", ["last_day": dates.deadlineInZone(endingAt: closedAt), "partner": partner])
            titleKey = "consent.closed.title"
        case .ended:
            page.ended = l("consent.ended.body", ["partner": partner])
            titleKey = "consent.ended.title"
        }
        page.title = l(titleKey)
        page.heading = page.title
        return Self.private(pages.render(page, status: status, context: context))
    }

    /// The token is in the URL: keep it out of caches and out of the Referer of any link followed.
    private static func `private`(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Referrer-Policy", "no-referrer")
        return response
    }
}
