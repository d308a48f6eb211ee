import Claims

/// The words for the values lists repeat on every row (states, products, areas, activities,
/// deadlines, rejection reasons) in one language, looked up once when its localizer is made: a
/// row otherwise built each message key as a string and hashed it, a dozen times per row.
struct ValueLabels: Sendable {
    /// A state's label as a list row shows it, refined by the row's facts (see `Claim.statusMessageKey`).
    struct Status: Hashable, Sendable {
        var state: ClaimState
        var sentForIncentiveEvaluation: Bool
        var endCause: AssociationEnd.Cause?
    }

    let statuses: [Status: String]
    let products: [Product: String]
    let solutionAreas: [SolutionArea: String]
    let activities: [Activity: String]
    let deadlineKinds: [DeadlineKind: String]
    let rejectionReasons: [RejectionReason: String]

    init(_ message: (String) -> String) {
        func labels<Value: CaseIterable & Hashable & MessageKeyed>(_ type: Value.Type) -> [Value: String] {
            Dictionary(uniqueKeysWithValues: Value.allCases.map { ($0, message($0.messageKey)) })
        }
        var statuses: [Status: String] = [:]
        for state in ClaimState.allCases {
            for sent in [false, true] {
                for cause in [nil] + AssociationEnd.Cause.allCases.map(Optional.some) {
                    statuses[Status(state: state, sentForIncentiveEvaluation: sent, endCause: cause)] =
                        message(Claim.statusMessageKey(state: state, sentForIncentiveEvaluation: sent, endCause: cause))
                }
            }
        }
        self.statuses = statuses
        products = labels(Product.self)
        solutionAreas = labels(SolutionArea.self)
        activities = labels(Activity.self)
        deadlineKinds = labels(DeadlineKind.self)
        rejectionReasons = labels(RejectionReason.self)
    }
}
