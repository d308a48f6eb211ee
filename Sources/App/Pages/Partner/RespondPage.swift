import Claims
import Templating

/// The partner's answer to a request for action: products to remove, more PoE, a comment.
struct RespondPage: Page {
    static let template = "claims/respond"
    var title: String
    var claim: ClaimSummary
    var alert: String?
    var situation: ClaimSituation
    var open: Bool
    var removable: [Choice]
    var text: String
    var fieldError: String?
    var uploadError: String?
    var maxUpload: String

    static let fields: TemplateFields<Self> = [
        .object("claim", \.claim), .optional("alert", \.alert), .optional("notice", { _ in nil }),
        .object("situation", { $0.situation.isEmpty ? nil : $0.situation }), .flag("open", \.open),
        .list("removable", \.removable), .text("formAction", { Route.claimPage(ClaimID($0.claim.id), .respond).href }),
        .number("version", { $0.claim.version }), .text("text", \.text), .optional("fieldError", \.fieldError),
        .optional("uploadError", \.uploadError), .text("maxUpload", \.maxUpload),
    ]

    /// - Parameters:
    ///   - availability: the domain's answer for a response, for this user, now.
    ///   - removals: the products ticked for removal; nil means as the reviewer asked.
    init(claim: Claim, availability: Availability, presenter p: ClaimPresenter, maxUpload: Int,
         text: String = "", removals: Set<String>? = nil, refusal: Refusal? = nil) {
        let l = p.localizer
        title = l("partner.respond.title")
        self.claim = p.summary(claim)
        situation = ClaimSituation(claim, presenter: p)
        let asked = claim.partnerAction?.productsToRemove ?? []
        let ticked = removals ?? Set(asked.map(\.rawValue))
        removable = p.choices(asked.filter { claim.details.products.contains($0) }) { ticked.contains($0.rawValue) }
        open = availability.isAllowed
        alert = refusal?.alert
        if case .refused(let error) = availability, alert == nil { alert = l.message(error) }
        self.text = text
        fieldError = refusal?.textError
        uploadError = refusal?.documentsError
        self.maxUpload = p.dates.byteCount(Int64(maxUpload))
    }
}
