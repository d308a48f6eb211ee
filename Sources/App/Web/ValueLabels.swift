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
    let products: CaseLabels<Product>
    let solutionAreas: CaseLabels<SolutionArea>
    let activities: CaseLabels<Activity>
    let deadlineKinds: CaseLabels<DeadlineKind>
    let rejectionReasons: CaseLabels<RejectionReason>

    init(_ message: (String) -> String) {
        func labels<Value: CaseIterable & CaseHashed & MessageKeyed>(_ type: Value.Type) -> CaseLabels<Value> {
            CaseLabels { message($0.messageKey) }
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

/// A label for each case of a plain enum, read by its `caseIndex` (see `CaseHashed`), so a lookup
/// is an array read where a dictionary hashed the case.
/// Made once per language, and checked then: every case must have an index of its own.
struct CaseLabels<Value: CaseIterable & CaseHashed>: Sendable {
    private let labels: [String]

    init(_ label: (Value) -> String) {
        var labels = [String?](repeating: nil, count: Value.allCases.count)
        for value in Value.allCases {
            let index = Self.index(of: value)
            precondition(labels.indices.contains(index) && labels[index] == nil, "\(Value.self) is not a plain enum of one byte")
            labels[index] = label(value)
        }
        self.labels = labels.map { $0! }
    }

    subscript(value: Value) -> String {
        labels[Self.index(of: value)]
    }

    private static func index(of value: Value) -> Int {
        Int(value.caseIndex ?? 0)
    }
}
