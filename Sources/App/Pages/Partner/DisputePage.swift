import Claims
import Templating

/// Disputing a rejection once, inside its window: a justification, new PoE, or both. When the
/// domain says the dispute is closed, the page says why and offers a new claim instead.
struct DisputePage: Page {
    static let template = "claims/dispute"
    var title: String
    var claim: ClaimSummary
    var alert: String?
    var situation: ClaimSituation
    var open: Bool
    var closedReason: String
    var text: String
    var fieldError: String?
    var uploadError: String?
    var maxUpload: String

    static let fields: TemplateFields<Self> = [
        .object("claim", \.claim), .optional("alert", \.alert), .optional("notice", { _ in nil }),
        .object("situation", { $0.situation.isEmpty ? nil : $0.situation }), .flag("open", \.open),
        .text("closedReason", \.closedReason),
        .text("formAction", { Route.claimPage(ClaimID($0.claim.id), .dispute).href }),
        .text("copyHref", { Route.newClaim(from: ClaimID($0.claim.id)).href }),
        .number("version", { $0.claim.version }), .text("text", \.text), .optional("fieldError", \.fieldError),
        .optional("uploadError", \.uploadError), .text("maxUpload", \.maxUpload),
    ]

    init(claim: Claim, availability: Availability, presenter p: ClaimPresenter, maxUpload: Int,
         text: String = "", refusal: Refusal? = nil) {
        let l = p.localizer
        title = l("partner.dispute.title")
        self.claim = p.summary(claim)
        situation = ClaimSituation(claim, presenter: p)
        open = availability.isAllowed
        let standing = claim.disputeStanding(at: p.now)
        closedReason = standing.messageKey.map { l($0) } ?? ""
        // The standing explains a closed window; any other refusal (another organization's role…) says itself.
        if case .refused(let error) = availability, standing.messageKey == nil { closedReason = l.message(error) }
        alert = refusal?.alert
        self.text = text
        fieldError = refusal?.textError
        uploadError = refusal?.documentsError
        self.maxUpload = p.dates.byteCount(Int64(maxUpload))
    }
}
