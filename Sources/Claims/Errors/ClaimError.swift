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
    /// The tenant directory disagrees with the claim (its domain, its subscription), per field.
    case directoryMismatch(FieldErrors)
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
    /// A withdrawal or disassociation says why, in the partner's own words.
    case explanationRequired
    case reasonNotAllowed(RejectionReason)
    case commentRequired
    case commentTooLong(maximum: Int)
    case productsToRemoveNotClaimed([Product])
    case cannotRemoveEveryProduct
    /// The reviewer asked for these products to be removed and they are still on the claim.
    case productsStillClaimed([Product])
    case notAssignedReviewer(assignee: UserID)
    case alreadyAssigned(UserID)

    /// The error's kind without its values: the stable part of its message key.
    public enum Code: String, CaseIterable, Sendable {
        case notAllowedForActor = "not_allowed_for_actor"
        case creationNotAllowed = "creation_not_allowed"
        case otherOrganization = "other_organization"
        case wrongState = "wrong_state"
        case invalidFields = "invalid_fields"
        case incomplete = "incomplete"
        case directoryMismatch = "directory_mismatch"
        case missingProofOfExecution = "missing_poe"
        case invalidDocument = "invalid_document"
        case duplicateDocument = "duplicate_document"
        case windowClosed = "window_closed"
        case alreadyDisputed = "already_disputed"
        case notDisputable = "not_disputable"
        case disputeNeedsJustificationOrEvidence = "dispute_needs_justification_or_evidence"
        case duplicateClaim = "duplicate_claim"
        case unresolvedConflict = "unresolved_conflict"
        case invalidConsentToken = "invalid_consent_token"
        case timerNotDue = "timer_not_due"
        case reasonRequired = "reason_required"
        case explanationRequired = "explanation_required"
        case reasonNotAllowed = "reason_not_allowed"
        case commentRequired = "comment_required"
        case commentTooLong = "comment_too_long"
        case productsToRemoveNotClaimed = "products_to_remove_not_claimed"
        case cannotRemoveEveryProduct = "cannot_remove_every_product"
        case productsStillClaimed = "products_still_claimed"
        case notAssignedReviewer = "not_assigned_reviewer"
        case alreadyAssigned = "already_assigned"
    }

    public var code: Code {
        switch self {
        case .notAllowedForActor: .notAllowedForActor
        case .creationNotAllowed: .creationNotAllowed
        case .otherOrganization: .otherOrganization
        case .wrongState: .wrongState
        case .invalidFields: .invalidFields
        case .incomplete: .incomplete
        case .directoryMismatch: .directoryMismatch
        case .missingProofOfExecution: .missingProofOfExecution
        case .invalidDocument: .invalidDocument
        case .duplicateDocument: .duplicateDocument
        case .windowClosed: .windowClosed
        case .alreadyDisputed: .alreadyDisputed
        case .notDisputable: .notDisputable
        case .disputeNeedsJustificationOrEvidence: .disputeNeedsJustificationOrEvidence
        case .duplicateClaim: .duplicateClaim
        case .unresolvedConflict: .unresolvedConflict
        case .invalidConsentToken: .invalidConsentToken
        case .timerNotDue: .timerNotDue
        case .reasonRequired: .reasonRequired
        case .explanationRequired: .explanationRequired
        case .reasonNotAllowed: .reasonNotAllowed
        case .commentRequired: .commentRequired
        case .commentTooLong: .commentTooLong
        case .productsToRemoveNotClaimed: .productsToRemoveNotClaimed
        case .cannotRemoveEveryProduct: .cannotRemoveEveryProduct
        case .productsStillClaimed: .productsStillClaimed
        case .notAssignedReviewer: .notAssignedReviewer
        case .alreadyAssigned: .alreadyAssigned
        }
    }

    public var messageKey: String { "error.claim.\(code.rawValue)" }

    /// Values the message needs. Enum values are given as their own message keys
    /// (e.g. `state.in_review`) so the app can translate them too; instants as ISO 8601.
    public var messageArguments: [String: String] {
        switch self {
        case .notAllowedForActor(let action, let actor): ["action": action.messageKey, "actor": actor.messageKey]
        case .creationNotAllowed(let actor): ["actor": actor.messageKey]
        case .otherOrganization(let claim): ["claim": claim.rawValue]
        case .wrongState(let action, let state, let claim):
            ["action": action.messageKey, "state": state.messageKey, "claim": claim.rawValue]
        case .invalidFields(let errors), .incomplete(let errors), .directoryMismatch(let errors):
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
        case .disputeNeedsJustificationOrEvidence, .invalidConsentToken, .reasonRequired, .explanationRequired, .commentRequired,
             .cannotRemoveEveryProduct:
            [:]
        }
    }

    /// Per-field problems, when the error is about the form.
    public var fieldErrors: FieldErrors? {
        switch self {
        case .invalidFields(let errors), .incomplete(let errors), .directoryMismatch(let errors): errors
        default: nil
        }
    }

    public var description: String {
        let arguments = messageArguments.keys.sorted().map { "\($0)=\(messageArguments[$0]!)" }.joined(separator: " ")
        return arguments.isEmpty ? messageKey : "\(messageKey) \(arguments)"
    }
}
