import Claims
import Foundation
import HTTP
import Templating

/// The customer's page, reached from the consent e-mail without an account: who claims to have
/// worked with them and on what, what happens if they do nothing, and a way to deny. The token in
/// the path is the only credential, so the page is never cached nor sent on as a Referer, and a
/// token that opens nothing — never issued, mistyped, tampered with, replaced — gets one answer.
extension Application {
    func consent(token: ConsentToken, request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        guard let claim = try claims.claim(consentToken: token) else {
            return consentResponse(try pages.render("consent/unknown", title: context.localizer("consent.unknown.title"),
                                                    [:], status: 404, context: context))
        }
        if request.method == "POST" {
            return try denyConsent(claim, token: token, request: request, context: context)
        }
        let confirming = request.queryItem("step") == "confirm"
        return try consentPage(claim, token: token, confirming: confirming, context: context)
    }

    private func denyConsent(_ claim: Claim, token: ConsentToken, request: HTTPRequest,
                             context: RequestContext) throws -> HTTPResponse {
        let reason = (try? request.formFields())?.first { $0.0 == "reason" }?.1 ?? ""
        do {
            try updateClaim(claim.id, expectedVersion: nil) { current, _ in
                try current.applying(.denyConsent(token: token, reason: reason), by: .customer, at: clock.now(), rules: rules)
            }
        } catch let error as ClaimError {
            if case .commentTooLong = error {
                return try consentPage(claim, token: token, confirming: true, reason: reason,
                                       error: context.localizer.message(error, dates: dates), status: 422, context: context)
            }
            // Denied already, window closed, or withdrawn meanwhile: say how things stand now.
            let current = try claims.claim(consentToken: token) ?? claim
            return try consentPage(current, token: token, confirming: false, status: 409, context: context)
        }
        // Post/redirect/get: reloading the answer does not submit again.
        return consentResponse(.redirect(to: Route.consent(token.rawValue).path))
    }

    private func consentPage(_ claim: Claim, token: ConsentToken, confirming: Bool, reason: String = "",
                             error: String? = nil, status: Int = 200, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let now = clock.now()
        let situation = ConsentSituation(claim, now: now)
        let partner = try organizationName(claim.organization) ?? l("mail.partner.unknown")
        let details = claim.details
        var values: [String: TemplateValue] = [
            "action": .string(Route.consent(token.rawValue).path),
            "confirmLink": .string(Route.consent(token.rawValue).path + "?step=confirm"),
            "partner": .string(partner),
            "customer": .string(details.customer.name),
            "domain": .string(details.customer.domain?.rawValue ?? ""),
            "contact": .string(details.customerContact.name),
            "products": .list(details.products.map { .string(l($0.messageKey)) }),
            "activity": .string(details.activity.map { l($0.messageKey) } ?? ""),
            "filed": .string(dates.day(claim.createdAt)),
            "approved": .string(claim.approval.map { dates.day($0.approvedAt) } ?? ""),
            "reason": .string(reason),
            "reasonMaximum": .int(Comment.maximumLength),
            "error": error.map(TemplateValue.string) ?? .null,
        ]
        let titleKey: String
        switch situation {
        case .open(let closesAt):
            let lastDay = dates.lastDay(endingAt: closesAt)
            values["open"] = .bool(true)
            values["confirming"] = .bool(confirming)
            values["lastDay"] = .string(lastDay)
            values["ifNothing"] = .string(l("consent.open.if_nothing", ["last_day": lastDay]))
            values["intro"] = .string(l("consent.open.intro", ["partner": partner, "customer": details.customer.name]))
            titleKey = confirming ? "consent.confirm.title" : "consent.open.title"
        case .denied(let at):
            values["denied"] = .string(l("consent.denied.body", ["date": dates.dateTime(at), "partner": partner]))
            titleKey = "consent.denied.title"
        case .windowClosed(let closedAt):
            values["closed"] = .string(l("consent.closed.body", ["last_day": dates.lastDay(endingAt: closedAt), "partner": partner]))
            titleKey = "consent.closed.title"
        case .ended:
            values["ended"] = .string(l("consent.ended.body", ["partner": partner]))
            titleKey = "consent.ended.title"
        }
        values["heading"] = .string(l(titleKey))
        return consentResponse(try pages.render("consent/page", title: l(titleKey), values, status: status, context: context))
    }

    /// The token is in the URL: keep it out of caches and out of the Referer of any link followed.
    private func consentResponse(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Referrer-Policy", "no-referrer")
        return response
    }
}
