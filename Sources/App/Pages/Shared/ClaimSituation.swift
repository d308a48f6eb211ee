import Claims
import Foundation
import Templating

/// What the reviewer asked for, why the claim was rejected, where its approval stands, its
/// dispute, and what the tenant directory says of its subscription: the notices above a claim's
/// details on the partner's pages.
struct ClaimSituation: Templated {
    struct PartnerAction: Templated {
        var reasons: [String]
        var comment: String
        var productsToRemove: [String]
        var respondBy: String
        var reviewer: String

        static let fields: TemplateFields<Self> = [
            .strings("reasons", \.reasons), .text("comment", \.comment), .strings("productsToRemove", \.productsToRemove),
            .text("respondBy", \.respondBy), .text("reviewer", \.reviewer),
        ]
    }

    struct Rejection: Templated {
        var reasons: [String]
        var comment: String
        var at: String
        var by: String
        /// The last day a dispute is accepted, while it is.
        var disputeUntil: String?

        static let fields: TemplateFields<Self> = [
            .strings("reasons", \.reasons), .text("comment", \.comment), .text("at", \.at), .text("by", \.by),
            .optional("disputeUntil", \.disputeUntil),
        ]
    }

    struct Approval: Templated {
        var consentEnds: String?
        var sentAt: String?
        /// The 2023 edition: the customer may deny at any time, even once it was sent for evaluation.
        var anyTime: Bool

        static let fields: TemplateFields<Self> = [
            .optional("consentEnds", \.consentEnds), .optional("sentAt", \.sentAt), .flag("anyTime", \.anyTime),
        ]
    }

    struct Dispute: Templated {
        var at: String
        var justification: String
        var decision: String?
        var decidedAt: String?
        var decisionComment: String?

        static let fields: TemplateFields<Self> = [
            .text("at", \.at), .text("justification", \.justification), .optional("decision", \.decision),
            .optional("decidedAt", \.decidedAt), .optional("decisionComment", \.decisionComment),
        ]
    }

    var partnerAction: PartnerAction?
    var rejection: Rejection?
    var approval: Approval?
    var dispute: Dispute?
    var subscriptionNotice: String?
    /// What of the association ended after approval.
    var ends: [AssociationEndView] = []

    static let fields: TemplateFields<Self> = [
        .object("partnerAction", \.partnerAction), .object("rejection", \.rejection), .object("approval", \.approval),
        .object("dispute", \.dispute), .optional("subscriptionNotice", \.subscriptionNotice), .list("ends", \.ends),
    ]

    init(_ claim: Claim, presenter: ClaimPresenter) {
        let l = presenter.localizer
        let dates = presenter.dates
        if claim.state == .partnerActionRequired, let request = claim.partnerAction {
            partnerAction = PartnerAction(
                reasons: request.reasons.map { l($0.messageKey) }, comment: request.comment,
                productsToRemove: request.productsToRemove.map { l($0.messageKey) },
                respondBy: dates.deadlineInZone(endingAt: request.respondBy),
                reviewer: presenter.userNames[request.requestedBy.rawValue] ?? l("actor.reviewer"))
        }
        if [.rejected, .rejectedFinal, .disputed].contains(claim.state), let rejection = claim.rejection {
            var until: String?
            if case .open(let closesAt) = claim.disputeStanding(at: presenter.now) { until = dates.deadlineInZone(endingAt: closesAt) }
            self.rejection = Rejection(reasons: rejection.reasons.map { l($0.messageKey) }, comment: rejection.comment,
                                       at: dates.dateTime(rejection.rejectedAt), by: presenter.actorName(rejection.rejectedBy),
                                       disputeUntil: until)
        }
        if claim.state == .approved, let approval = claim.approval {
            let anyTime = presenter.policy.customerMayDeclineAtAnyTime
            self.approval = approval.sentForIncentiveEvaluationAt.map { Approval(consentEnds: nil, sentAt: dates.day($0), anyTime: anyTime) }
                ?? Approval(consentEnds: dates.deadlineInZone(endingAt: approval.consentWindow.closesAt), sentAt: nil, anyTime: anyTime)
        }
        ends = presenter.associationEnds(claim)
        if let dispute = claim.dispute {
            self.dispute = Dispute(at: dates.dateTime(dispute.disputedAt), justification: dispute.justification,
                                   decision: dispute.decision.map { l($0.messageKey) },
                                   decidedAt: dispute.decidedAt.map(dates.dateTime),
                                   decisionComment: dispute.decisionComment.flatMap { $0.isEmpty ? nil : $0 })
        }
        subscriptionNotice = presenter.subscriptionNotice(claim)
    }

    var isEmpty: Bool {
        partnerAction == nil && rejection == nil && approval == nil && dispute == nil && subscriptionNotice == nil && ends.isEmpty
    }
}
