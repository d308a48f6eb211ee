import Claims
import Templating

/// Every change, comment and action on a claim, oldest first, a window of them at a time (the
/// latest first shown, with links to earlier ones).
struct ClaimHistoryPage: Page {
    static let template = "claims/history"
    var title: String
    var claim: ClaimSummary
    var history: [HistoryRow]
    var historyWindow: ThreadWindowView?

    static let fields: TemplateFields<Self> = [
        .object("claim", \.claim), .list("history", \.history), .object("historyWindow", \.historyWindow),
        .optional("notice", { _ in nil }), .optional("alert", { _ in nil }),
    ]

    /// `history`: the entries `window` shows.
    init(claim: Claim, history: [HistoryEntry], window: ThreadWindow, presenter p: ClaimPresenter) {
        title = p.localizer("partner.history.title", ["claim": claim.details.name])
        self.claim = p.summary(claim)
        self.history = p.history(history)
        historyWindow = ThreadWindowView(window, summaryKey: "claim.history.window", presenter: p) { before in
            Route.claimPage(claim.id, .history, before: before).href
        }
    }
}
