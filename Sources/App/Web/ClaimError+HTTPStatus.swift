import Claims

extension ClaimError {
    /// The status that tells a browser what kind of refusal this is: the claim is not theirs to
    /// see (404, so its existence is not confirmed), not their role's to act on (403), in a
    /// situation that forbids it now (409), or what they entered needs fixing (422).
    var httpStatus: Int {
        switch code {
        case .otherOrganization: 404
        case .notAllowedForActor, .creationNotAllowed: 403
        case .wrongState, .windowClosed, .alreadyDisputed, .duplicateDocument, .unresolvedConflict,
             .notAssignedReviewer, .alreadyAssigned: 409
        default: 422
        }
    }
}
