import Foundation

/// Why an action on a claim was refused, in terms the person who tried it can act on.
public enum ClaimError: Error, Hashable, Sendable, MessageKeyed, CustomStringConvertible {
    case notAllowedForActor(action: ActionKind, actor: ActorKind)
    /// Only partner users file claims.
    case creationNotAllowed(actor: ActorKind)
    /// Partners only ever see and touch their own organization's claims.
    case otherOrganization(claim: ClaimID)
    case wrongState(action: ActionKind, state: ClaimState, claim: ClaimID)
    case invalidFields(FieldErrors)
    /// Submission needs every required field; the form shows which are missing.
    case incomplete(FieldErrors)
    case missingProofOfExecution(claim: ClaimID)
    case invalidDocument(filename: String)
    case duplicateDocument(DocumentID)
    case windowClosed(DeadlineKind, closedAt: Date)
    case alreadyDisputed(claim: ClaimID)
    case notDisputable(reasons: [RejectionReason])
    case disputeNeedsJustificationOrEvidence
    /// The same organization already holds a workload of this tenant in another claim.
    case duplicateClaim(existing: ClaimID, products: [Product])
    /// Another organization's claim competes for the same workload; resolve it first.
    case unresolvedConflict(claim: ClaimID, competing: [ClaimID])
    case invalidConsentToken
    case timerNotDue(SystemTimer)
    case reasonRequired
    case reasonNotAllowed(RejectionReason)
    case commentRequired
    case commentTooLong(maximum: Int)
    case productsToRemoveNotClaimed([Product])
    case cannotRemoveEveryProduct
    /// The reviewer asked for these products to be removed and they are still on the claim.
    case productsStillClaimed([Product])
    case notAssignedReviewer(assignee: UserID)
    case alreadyAssigned(UserID)

    public var messageKey: String {
        switch self {
        case .notAllowedForActor: "error.claim.not_allowed_for_actor"
        case .creationNotAllowed: "error.claim.creation_not_allowed"
        case .otherOrganization: "error.claim.other_organization"
        case .wrongState: "error.claim.wrong_state"
        case .invalidFields: "error.claim.invalid_fields"
        case .incomplete: "error.claim.incomplete"
        case .missingProofOfExecution: "error.claim.missing_poe"
        case .invalidDocument: "error.claim.invalid_document"
        case .duplicateDocument: "error.claim.duplicate_document"
        case .windowClosed: "error.claim.window_closed"
        case .alreadyDisputed: "error.claim.already_disputed"
        case .notDisputable: "error.claim.not_disputable"
        case .disputeNeedsJustificationOrEvidence: "error.claim.dispute_needs_justification_or_evidence"
        case .duplicateClaim: "error.claim.duplicate_claim"
        case .unresolvedConflict: "error.claim.unresolved_conflict"
        case .invalidConsentToken: "error.claim.invalid_consent_token"
        case .timerNotDue: "error.claim.timer_not_due"
        case .reasonRequired: "error.claim.reason_required"
        case .reasonNotAllowed: "error.claim.reason_not_allowed"
        case .commentRequired: "error.claim.comment_required"
        case .commentTooLong: "error.claim.comment_too_long"
        case .productsToRemoveNotClaimed: "error.claim.products_to_remove_not_claimed"
        case .cannotRemoveEveryProduct: "error.claim.cannot_remove_every_product"
        case .productsStillClaimed: "error.claim.products_still_claimed"
        case .notAssignedReviewer: "error.claim.not_assigned_reviewer"
        case .alreadyAssigned: "error.claim.already_assigned"
        }
    }

    /// Values the message needs. Enum values are given as their own message keys
    /// (e.g. `state.in_review`) so the app can translate them too; instants as ISO 8601.
    public var messageArguments: [String: String] {
        switch self {
        case .notAllowedForActor(let action, let actor): ["action": action.messageKey, "actor": actor.messageKey]
        case .creationNotAllowed(let actor): ["actor": actor.messageKey]
        case .otherOrganization(let claim): ["claim": claim.rawValue]
        case .wrongState(let action, let state, let claim):
            ["action": action.messageKey, "state": state.messageKey, "claim": claim.rawValue]
        case .invalidFields(let errors), .incomplete(let errors):
            ["fields": errors.issues.keys.sorted().map(\.messageKey).joined(separator: ",")]
        case .missingProofOfExecution(let claim): ["claim": claim.rawValue]
        case .invalidDocument(let filename): ["filename": filename]
        case .duplicateDocument(let id): ["document": id.rawValue]
        case .windowClosed(let kind, let closedAt): ["window": kind.messageKey, "closed_at": closedAt.messageArgument]
        case .alreadyDisputed(let claim): ["claim": claim.rawValue]
        case .notDisputable(let reasons): ["reasons": reasons.map(\.messageKey).joined(separator: ",")]
        case .duplicateClaim(let existing, let products):
            ["claim": existing.rawValue, "products": products.map(\.messageKey).joined(separator: ",")]
        case .unresolvedConflict(let claim, let competing):
            ["claim": claim.rawValue, "competing": competing.map(\.rawValue).joined(separator: ", ")]
        case .timerNotDue(let timer): ["timer": timer.messageKey]
        case .reasonNotAllowed(let reason): ["reason": reason.messageKey]
        case .commentTooLong(let maximum): ["maximum": String(maximum)]
        case .productsToRemoveNotClaimed(let products), .productsStillClaimed(let products):
            ["products": products.map(\.messageKey).joined(separator: ",")]
        case .notAssignedReviewer(let assignee): ["reviewer": assignee.rawValue]
        case .alreadyAssigned(let reviewer): ["reviewer": reviewer.rawValue]
        case .disputeNeedsJustificationOrEvidence, .invalidConsentToken, .reasonRequired, .commentRequired,
             .cannotRemoveEveryProduct:
            [:]
        }
    }

    /// Per-field problems, when the error is about the form.
    public var fieldErrors: FieldErrors? {
        switch self {
        case .invalidFields(let errors), .incomplete(let errors): errors
        default: nil
        }
    }

    public var description: String {
        let arguments = messageArguments.keys.sorted().map { "\($0)=\(messageArguments[$0]!)" }.joined(separator: " ")
        return arguments.isEmpty ? messageKey : "\(messageKey) \(arguments)"
    }

    /// One sample of every case, so the catalog check cannot miss a key.
    static let samples: [ClaimError] = {
        let claim = ClaimID("C-0"), user = UserID("u"), instant = Date(timeIntervalSince1970: 0)
        let errors = FieldErrors([:])
        return [
            .notAllowedForActor(action: .edit, actor: .customer), .creationNotAllowed(actor: .reviewer), .otherOrganization(claim: claim),
            .wrongState(action: .edit, state: .approved, claim: claim), .invalidFields(errors), .incomplete(errors),
            .missingProofOfExecution(claim: claim), .invalidDocument(filename: ""), .duplicateDocument(DocumentID("d")),
            .windowClosed(.consentWindow, closedAt: instant), .alreadyDisputed(claim: claim), .notDisputable(reasons: []),
            .disputeNeedsJustificationOrEvidence, .duplicateClaim(existing: claim, products: []),
            .unresolvedConflict(claim: claim, competing: []), .invalidConsentToken, .timerNotDue(.partnerReminder),
            .reasonRequired, .reasonNotAllowed(.partnerRequest), .commentRequired, .commentTooLong(maximum: 1),
            .productsToRemoveNotClaimed([]), .cannotRemoveEveryProduct, .productsStillClaimed([]),
            .notAssignedReviewer(assignee: user), .alreadyAssigned(user),
        ]
    }()
}
