extension Claim {
    /// Key of the status label shown in lists: the state, except that an approved claim whose
    /// consent window has closed reads "Approved — sent for incentive evaluation".
    public var statusMessageKey: String {
        if state == .approved, approval?.isSentForIncentiveEvaluation == true { return Claim.sentForIncentiveEvaluationKey }
        return state.messageKey
    }

    static let sentForIncentiveEvaluationKey = "state.approved.sent_for_incentive_evaluation"
}
