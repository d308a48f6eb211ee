extension Claim {
    /// Key of the status label shown in lists: the state, except that an approved claim whose
    /// consent window has closed reads "Approved, sent for incentive evaluation", and an ended one
    /// says who or what ended it.
    public var statusMessageKey: String {
        Claim.statusMessageKey(state: state, sentForIncentiveEvaluation: approval?.isSentForIncentiveEvaluation == true,
                               endCause: endCause)
    }

    /// Why the association ended, once the claim is Ended: the last end is the one that left nothing.
    public var endCause: AssociationEnd.Cause? {
        state == .ended ? approval?.ends.last?.cause : nil
    }

    /// The same label for a claim read as a row of a list, from the facts the row keeps.
    public static func statusMessageKey(state: ClaimState, sentForIncentiveEvaluation: Bool, endCause: AssociationEnd.Cause?) -> String {
        switch state {
        case .approved where sentForIncentiveEvaluation: sentForIncentiveEvaluationKey
        case .ended: endCause.map { "state.ended.\($0.rawValue)" } ?? state.messageKey
        default: state.messageKey
        }
    }

    static let sentForIncentiveEvaluationKey = "state.approved.sent_for_incentive_evaluation"

    /// Every key `statusMessageKey` can return besides the states' own.
    static let refinedStatusMessageKeys: Set<String> =
        Set([sentForIncentiveEvaluationKey] + AssociationEnd.Cause.allCases.map { "state.ended.\($0.rawValue)" })
}
