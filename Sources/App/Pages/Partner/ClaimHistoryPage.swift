import Claims
import Templating

/// Every change, comment and action on a claim, oldest first.
struct ClaimHistoryPage: Page {
    static let template = "claims/history"
    var title: String
    var claim: ClaimSummary
    var history: [HistoryRow]

    static let fields: TemplateFields<Self> = [
        .object("claim", \.claim), .list("history", \.history),
        .optional("notice", { _ in nil }), .optional("alert", { _ in nil }),
    ]

    init(claim: Claim, history: [HistoryEntry], presenter p: ClaimPresenter) {
        title = p.localizer("partner.history.title", ["claim": claim.details.name])
        self.claim = p.summary(claim)
        self.history = p.history(history)
    }
}
