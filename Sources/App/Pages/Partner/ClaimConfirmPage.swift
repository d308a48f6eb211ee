import Claims
import Templating

/// "Are you sure?" before a partner submits, withdraws or disassociates a claim, with the reason
/// box where one is needed. When the domain refuses the action now, the page says why and offers
/// no button.
struct ClaimConfirmPage: Page {
    static let template = "claims/confirm"
    var title: String
    var claim: ClaimSummary
    var alert: String?
    var body: String
    var button: String
    var danger: Bool
    var needsReason: Bool
    var formAction: String
    var text: String
    var fieldError: String?
    /// What a draft still lacks before it can be submitted.
    var missing: [String]
    var editHref: String?
    var blocked: Bool

    static let fields: TemplateFields<Self> = [
        .object("claim", \.claim), .optional("alert", \.alert), .optional("notice", { _ in nil }),
        .text("heading", \.title), .text("body", \.body), .text("button", \.button), .flag("danger", \.danger),
        .flag("needsReason", \.needsReason), .text("formAction", \.formAction), .number("version", { $0.claim.version }),
        .text("text", \.text), .optional("fieldError", \.fieldError), .strings("missing", \.missing),
        .optional("editHref", \.editHref), .flag("blocked", \.blocked),
    ]

    /// - Parameters:
    ///   - availability: the domain's answer for the page's action, for this user, now.
    ///   - directoryDisagreements: on a draft, what the tenant directory finds wrong with it now.
    init(_ page: ClaimPage, claim: Claim, availability: Availability, presenter p: ClaimPresenter,
         text: String = "", refusal: Refusal? = nil, directoryDisagreements: FieldErrors = FieldErrors([:])) {
        let l = p.localizer
        let key = "partner.confirm.\(page.rawValue)"
        title = l(key + ".title")
        self.claim = p.summary(claim)
        body = l(key + ".body")
        button = l(key + ".button")
        danger = page != .submit
        needsReason = page != .submit
        formAction = Route.claimPage(claim.id, page).href
        self.text = text
        fieldError = refusal?.textError
        alert = refusal?.alert
        missing = []
        blocked = false
        if case .refused(let error) = availability {
            alert = alert ?? l.message(error)
            blocked = true
        }
        if page == .submit, claim.state == .draft {
            // Say what is missing before the partner tries, rather than after.
            missing = ClaimShowPage.missingForSubmission(claim, directoryDisagreements: directoryDisagreements, presenter: p)
            if !missing.isEmpty {
                editHref = Route.claimPage(claim.id, .edit).href
                blocked = true
            }
        }
    }
}
