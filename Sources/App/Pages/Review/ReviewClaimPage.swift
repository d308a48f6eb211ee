import Claims
import Foundation
import Templating

/// Everything about a claim a reviewer decides on: its fields and PoE, the checklist, competing
/// claims side by side, and the forms for exactly the actions the domain allows this reviewer now,
/// with whatever they entered kept after a refusal.
struct ReviewClaimPage: Page {
    static let template = "review/claim"
    var title: String
    var claim: Claim
    var summary: String
    var state: StateBadge
    var deadline: DeadlineView?
    var assignee: String?
    var assignedToMe: Bool
    var notice: String?
    var error: String?
    var keptComment: String?
    /// The tenant directory lists the approved association's subscription as disabled.
    var subscriptionNotice: String?
    var allowed: Set<ActionKind>
    /// Why approval is refused while the claim is otherwise decidable (a competing claim remains).
    var waitsForOtherReviewer: Bool
    var partnerAction: PartnerAction?
    var rejection: Rejection?
    var dispute: Dispute?
    var fields: [FieldRow]
    var documents: [DocumentRow]
    var comments: [CommentRow]
    var commentsWindow: ThreadWindowView?
    var history: [HistoryRow]
    var historyWindow: ThreadWindowView?
    /// What of the association ended after approval.
    var ends: [AssociationEndView]
    /// This claim's most recent PoE, beside each competitor's: the newest is what is weighed.
    var latestPoE: String
    var competing: [Competitor]
    /// The competing claims that hold approval (or overturning) back.
    var blocking: [String]
    /// What approving would also do: the older associations it takes over.
    var takesOver: [String]
    var checklist: [ChecklistItem]
    var checklistSubmitted: Bool
    var rejectionReasons: [Choice]
    var partnerActionReasons: [Choice]
    var removableProducts: [Choice]
    var disputeDecisions: [Choice]
    var commentFor: CommentFor
    var errorFor: ErrorFor

    struct PartnerAction: Templated {
        var reasons: String
        var productsToRemove: String
        var comment: String
        var respondBy: String
        var pausedTime: String
        static let fields: TemplateFields<Self> = [
            .text("reasons", \.reasons), .text("productsToRemove", \.productsToRemove), .text("comment", \.comment),
            .text("respondBy", \.respondBy), .text("pausedTime", \.pausedTime),
        ]
    }

    struct Rejection: Templated {
        var reasons: String
        var comment: String
        static let fields: TemplateFields<Self> = [.text("reasons", \.reasons), .text("comment", \.comment)]
    }

    struct Dispute: Templated {
        var at: String
        var justification: String
        var decision: String?
        var decisionComment: String?
        static let fields: TemplateFields<Self> = [
            .text("at", \.at), .text("justification", \.justification), .optional("decision", \.decision),
            .optional("decisionComment", \.decisionComment),
        ]
    }

    /// Another organization's claim on the same workload, as the side-by-side comparison shows it.
    struct Competitor: Templated {
        var id: String
        var href: String
        var name: String
        var organization: String
        var state: StateBadge
        var shared: String
        var products: String
        var activity: String
        var subscription: String
        var submitted: String
        var latestPoE: String
        /// How the most recent PoE of the two claims weighs between them, when one is an approved association.
        var weighing: String?
        static let fields: TemplateFields<Self> = [
            .text("id", \.id), .text("href", \.href), .text("name", \.name), .text("organization", \.organization),
            .object("state", \.state), .text("shared", \.shared), .text("products", \.products),
            .text("activity", \.activity), .text("subscription", \.subscription), .text("submitted", \.submitted),
            .text("latestPoE", \.latestPoE), .optional("weighing", \.weighing),
        ]
    }

    struct ChecklistItem: Templated {
        var value: String
        var label: String
        var checked: Bool
        var failed: Bool
        static let fields: TemplateFields<Self> = [
            .text("value", \.value), .text("label", \.label), .flag("checked", \.checked), .flag("failed", \.failed),
        ]
    }

    /// The comment typed into each form, so a refused decision shows it in the same box.
    struct CommentFor: Templated {
        var input: ReviewInput
        static let fields: TemplateFields<Self> = [
            .text("approve", { $0.text(for: .approve) }), .text("reject", { $0.text(for: .reject) }),
            .text("requestAction", { $0.text(for: .requestAction) }),
            .text("decideDispute", { $0.text(for: .decideDispute) }), .text("comment", { $0.text(for: .comment) }),
        ]
        func text(for step: ReviewStep) -> String { input.step == step ? input.comment : "" }
    }

    /// A refusal that belongs to one decision form ("Choose at least one reason"), shown beside it.
    struct ErrorFor: Templated {
        var step: ReviewStep?
        var message: String?
        static let fields: TemplateFields<Self> = [
            .optional("approve", { $0.message(for: .approve) }), .optional("reject", { $0.message(for: .reject) }),
            .optional("requestAction", { $0.message(for: .requestAction) }),
            .optional("decideDispute", { $0.message(for: .decideDispute) }), .optional("comment", { $0.message(for: .comment) }),
        ]
        func message(for form: ReviewStep) -> String? { step == form ? message : nil }
    }

    /// The addresses of the page's forms.
    struct Actions: Templated {
        var id: ClaimID
        static let fields: TemplateFields<Self> = [
            .text("start", { Route.reviewAction($0.id, .start).href }),
            .text("reassign", { Route.reviewAction($0.id, .reassign).href }),
            .text("approve", { Route.reviewAction($0.id, .approve).href }),
            .text("reject", { Route.reviewAction($0.id, .reject).href }),
            .text("requestAction", { Route.reviewAction($0.id, .requestAction).href }),
            .text("decideDispute", { Route.reviewAction($0.id, .decideDispute).href }),
            .text("comment", { Route.reviewAction($0.id, .comment).href }),
            .text("checklist", { Route.reviewClaim($0.id).href(fragment: "decide") }),
            .text("page", { Route.reviewClaim($0.id).href }),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .text("id", { $0.claim.id.rawValue }), .text("name", { $0.claim.details.name }),
        .number("version", { $0.claim.version }), .text("summary", \.summary), .object("state", \.state),
        .object("deadline", \.deadline), .optional("assignee", \.assignee), .flag("assignedToMe", \.assignedToMe),
        .optional("notice", \.notice), .optional("error", \.error), .optional("keptComment", \.keptComment),
        .optional("subscriptionNotice", \.subscriptionNotice),
        .flag("canStart", { $0.allowed.contains(.startReview) }),
        .flag("canTakeOver", { $0.allowed.contains(.reassign) && !$0.assignedToMe }),
        .flag("canDecide", { $0.canDecide }), .flag("checklistApplies", { $0.canDecide }),
        .flag("canApprove", { $0.allowed.contains(.approve) }),
        .flag("waitsForOtherReviewer", \.waitsForOtherReviewer),
        .flag("canDecideDispute", { $0.allowed.contains(.decideDispute) }),
        .flag("canComment", { $0.allowed.contains(.addComment) }),
        .object("partnerAction", \.partnerAction), .object("rejection", \.rejection), .object("dispute", \.dispute),
        .list("fields", \.fields), .list("documents", \.documents), .list("comments", \.comments),
        .object("commentsWindow", \.commentsWindow), .list("history", \.history), .object("historyWindow", \.historyWindow),
        .list("ends", \.ends), .text("latestPoE", \.latestPoE),
        .list("competing", \.competing), .flag("hasConflicts", { !$0.competing.isEmpty }),
        .flag("hasBlocking", { !$0.blocking.isEmpty }), .text("conflictIDs", { $0.blocking.joined(separator: ", ") }),
        .strings("takesOver", \.takesOver),
        .list("checklist", \.checklist), .flag("checklistSubmitted", \.checklistSubmitted),
        .list("rejectionReasons", \.rejectionReasons), .list("partnerActionReasons", \.partnerActionReasons),
        .list("removableProducts", \.removableProducts), .list("disputeDecisions", \.disputeDecisions),
        .object("commentFor", \.commentFor), .object("errorFor", \.errorFor), .object("actions", { Actions(id: $0.claim.id) }),
        .flag("canDecideAnything", { $0.canDecide || $0.allowed.contains(.decideDispute) }),
    ]

    /// What approving `claim` would also do, one sentence per older association it takes over.
    static func takesOver(_ claim: Claim, among competing: [(claim: Claim, shared: [Product], organization: String)],
                          localizer l: Localizer, presenter p: ClaimPresenter) -> [String] {
        claim.replacedAssociations(among: competing.map(\.claim)).map { replaced in
            let organization = competing.first { $0.claim.id == replaced.other }?.organization ?? ""
            return l("review.approve.takes_over", ["claim": replaced.other.rawValue, "products": p.words(replaced.products),
                                                   "organization": organization])
        }
    }

    /// Reject and request action follow the same rules as approve, less the competing claims.
    var canDecide: Bool { allowed.contains(.reject) }

    struct Facts {
        var claim: Claim
        var history: [HistoryEntry]
        var organization: String
        /// The competing claims, each with the products it shares and its organization's name.
        var competing: [(claim: Claim, shared: [Product], organization: String)]
        /// The domain's answer for each kind of action, for this reviewer, now.
        var availability: [ActionKind: Availability]
        var reviewer: UserID
    }

    init(_ facts: Facts, presenter p: ClaimPresenter, parameters: ReviewClaimParameters, refusal: Refusal? = nil) {
        let l = p.localizer
        let claim = facts.claim
        let input = parameters.input
        self.claim = claim
        title = l("review.claim.title", ["claim": claim.id.rawValue])
        summary = l("review.claim.summary", ["organization": facts.organization, "customer": claim.details.customer.name])
        state = p.state(claim)
        deadline = p.deadline(claim.currentDeadline)
        assignee = claim.review.assignedReviewer.map { p.userNames[$0.rawValue] ?? $0.rawValue }
        assignedToMe = claim.review.assignedReviewer == facts.reviewer
        allowed = Set(facts.availability.filter { $0.value.isAllowed }.keys)
        if case .refused(.notAssignedReviewer)? = facts.availability[.approve] { waitsForOtherReviewer = true } else {
            waitsForOtherReviewer = false
        }
        notice = parameters.done.map { l("review.done.\($0.rawValue)") }
        subscriptionNotice = p.subscriptionNotice(claim)
        // A field's problem goes beside the form it came from, while that form is still offered.
        let formShownForStep: Bool = switch input.step {
        case .approve?, .reject?, .requestAction?: facts.availability[.reject]?.isAllowed == true
        case .decideDispute?: facts.availability[.decideDispute]?.isAllowed == true
        case .comment?: facts.availability[.addComment]?.isAllowed == true
        case .start?, .reassign?, nil: false
        }
        let besideForm = refusal?.place == .text && formShownForStep
        error = besideForm ? nil : refusal?.message
        errorFor = ErrorFor(step: besideForm ? input.step : nil, message: besideForm ? refusal?.message : nil)
        fields = p.fields(claim)
        documents = p.documents(claim, withPreviews: true)
        let commentWindow = ThreadWindow(total: claim.comments.count, before: parameters.commentsBefore,
                                         size: ThreadWindow.comments)
        let historyWindow = ThreadWindow(total: facts.history.count, before: parameters.historyBefore,
                                         size: ThreadWindow.history)
        comments = p.comments(commentWindow.items(claim.comments))
        history = p.history(Array(historyWindow.items(facts.history)))
        // Paging one list keeps the other where it was.
        commentsWindow = ThreadWindowView(commentWindow, summaryKey: "claim.comments.window", presenter: p) { before in
            Route.reviewClaim(claim.id, ReviewClaimParameters(commentsBefore: before, historyBefore: parameters.historyBefore))
                .href(fragment: "comments")
        }
        self.historyWindow = ThreadWindowView(historyWindow, summaryKey: "claim.history.window", presenter: p) { before in
            Route.reviewClaim(claim.id, ReviewClaimParameters(commentsBefore: parameters.commentsBefore, historyBefore: before))
                .href(fragment: "history")
        }
        ends = p.associationEnds(claim)
        func latest(_ claim: Claim) -> String { claim.latestProofOfExecutionAt.map(p.dates.dateTime) ?? "" }
        latestPoE = latest(claim)
        competing = facts.competing.map { other, shared, organization in
            let arguments = ["claim": other.id.rawValue, "products": p.words(shared), "organization": organization]
            let weighing: String? = if claim.replaces(other) {
                l("review.competing.weighing.replaces", arguments)
            } else if other.replaces(claim) {
                l("review.competing.weighing.replaced_by", arguments)
            } else if other.state == .approved {
                l("review.competing.weighing.kept", arguments)
            } else { nil }
            return Competitor(id: other.id.rawValue, href: Route.reviewClaim(other.id).href, name: other.details.name,
                              organization: organization, state: p.state(other), shared: p.words(shared),
                              products: p.words(other.details.products), activity: other.details.activity.map { l($0.messageKey) } ?? "",
                              subscription: other.details.subscriptionID?.rawValue ?? "",
                              submitted: other.review.submittedAt.map(p.dates.dateTime) ?? "", latestPoE: latest(other),
                              weighing: weighing)
        }
        let others = facts.competing.map(\.claim)
        blocking = claim.blockingConflicts(among: others).map(\.other.rawValue)
        takesOver = Self.takesOver(claim, among: facts.competing, localizer: l, presenter: p)
        if claim.state == .partnerActionRequired, let request = claim.partnerAction {
            partnerAction = PartnerAction(
                reasons: p.words(request.reasons), productsToRemove: p.words(request.productsToRemove), comment: request.comment,
                respondBy: p.dates.deadlineInZone(endingAt: request.respondBy),
                pausedTime: claim.pausedDecisionTime.map { l.plural("review.claim.paused_days", count: Int(($0 / 86_400).rounded(.up))) } ?? "")
        }
        if [.rejected, .disputed, .rejectedFinal].contains(claim.state), let rejection = claim.rejection {
            self.rejection = Rejection(reasons: p.words(rejection.reasons), comment: rejection.comment)
        }
        dispute = claim.dispute.map {
            Dispute(at: p.dates.dateTime($0.disputedAt), justification: $0.justification,
                    decision: $0.decision.map { l($0.messageKey) }, decisionComment: $0.decisionComment.flatMap { $0.isEmpty ? nil : $0 })
        }

        let checklist = parameters.checklist
        self.checklist = PoEChecklistItem.allCases.map { item in
            ChecklistItem(value: item.rawValue, label: l(item.messageKey), checked: checklist.shown.contains(item),
                          failed: checklist.failed.contains(item))
        }
        checklistSubmitted = checklist.submitted
        // Reasons: what the reviewer picked before (kept on a refusal), else what the checklist suggests.
        let suggested = PoEChecklistItem.suggestedReasons(failing: checklist.failed)
        let pickedActions = input.partnerActionReasons.isEmpty ? suggested.partnerAction : input.partnerActionReasons
        let pickedRejections = input.rejectionReasons.isEmpty ? suggested.rejection : input.rejectionReasons
        rejectionReasons = p.choices(RejectionReason.allCases.filter(\.isReviewerChoice)) { pickedRejections.contains($0) }
        partnerActionReasons = p.choices(PartnerActionReason.allCases) { pickedActions.contains($0) }
        removableProducts = p.choices(claim.details.products) { input.productsToRemove.contains($0) }
        disputeDecisions = p.choices(DisputeDecision.allCases) { input.disputeDecision == $0 }
        commentFor = CommentFor(input: input)

        // A refused decision whose form is no longer offered (the claim moved on) still shows what was typed.
        let formShown = switch input.step {
        case .approve?, .reject?, .requestAction?: allowed.contains(.reject)
        case .decideDispute?: allowed.contains(.decideDispute)
        case .comment?: allowed.contains(.addComment)
        case .start?, .reassign?, nil: false
        }
        keptComment = refusal != nil && !input.comment.isEmpty && !formShown ? input.comment : nil
    }
}
