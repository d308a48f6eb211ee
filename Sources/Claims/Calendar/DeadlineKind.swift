/// The deadlines a claim can be running against.
public enum DeadlineKind: String, CaseIterable, CaseHashed, Codable, Sendable, MessageKeyed {
    case pickUp = "pick_up"
    case decision = "decision"
    case partnerResponse = "partner_response"
    case consentWindow = "consent_window"
    case disputeWindow = "dispute_window"
    case disputeAnswer = "dispute_answer"

    public var messageKey: String { "deadline.\(rawValue)" }

    /// Whose move it is before the deadline.
    public var owner: ActorKind {
        switch self {
        case .pickUp, .decision, .disputeAnswer: .reviewer
        case .partnerResponse, .disputeWindow: .partner
        case .consentWindow: .customer
        }
    }

    /// Service levels are only shown; the other deadlines fire a timer when they pass.
    public var isServiceLevel: Bool { owner == .reviewer }
}
