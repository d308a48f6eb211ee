import Claims
import Templating

/// Restates what a reviewer's step will do, with everything they entered, before it is done.
struct ReviewConfirmPage: Page {
    static let template = "review/confirm"
    var title: String
    var heading: String
    var consequence: String
    var button: String
    var danger: Bool
    var action: String
    var back: String
    var hidden: [Hidden]
    var reasons: [String]
    var productsToRemove: String?
    var comment: String
    /// What approving also does: the older associations it takes over.
    var takesOver: [String]

    struct Hidden: Templated {
        var name: String
        var value: String
        static let fields: TemplateFields<Self> = [.text("name", \.name), .text("value", \.value)]
    }

    static let fields: TemplateFields<Self> = [
        .text("heading", \.heading), .text("consequence", \.consequence), .text("button", \.button),
        .flag("danger", \.danger), .text("action", \.action), .text("back", \.back), .list("hidden", \.hidden),
        .strings("reasons", \.reasons), .optional("productsToRemove", \.productsToRemove), .text("comment", \.comment),
        .strings("takesOver", \.takesOver),
    ]

    /// - Parameter arguments: the claim, customer, organization and assigned reviewer, for the messages.
    init(claim: Claim, step: ReviewStep, input: ReviewInput, arguments: [String: String], takesOver: [String] = [],
         presenter p: ClaimPresenter) {
        let l = p.localizer
        let key = step == .decideDispute ? "decide_dispute.\(input.disputeDecision?.rawValue ?? "")" : step.rawValue
        title = l("review.confirm.title", arguments)
        heading = l("review.confirm.\(key).heading", arguments)
        consequence = l("review.confirm.\(key).consequence", arguments)
        button = l("review.confirm.\(key).button")
        danger = step == .reject || input.disputeDecision == .uphold
        action = Route.reviewAction(claim.id, step).href
        var back = input
        back.step = step
        self.back = Route.reviewClaim(claim.id, ReviewClaimParameters(input: back)).href(fragment: "decide")
        hidden = input.hiddenFields.map { Hidden(name: $0.0, value: $0.1) }
        reasons = switch step {
        case .reject: input.rejectionReasons.map { l($0.messageKey) }
        case .requestAction: input.partnerActionReasons.map { l($0.messageKey) }
        default: []
        }
        productsToRemove = step == .requestAction && !input.productsToRemove.isEmpty ? p.words(input.productsToRemove) : nil
        comment = input.comment
        self.takesOver = step == .approve || input.disputeDecision == .overturn ? takesOver : []
    }
}
