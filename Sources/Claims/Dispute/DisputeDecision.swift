/// A reviewer's answer to a dispute.
public enum DisputeDecision: String, CaseIterable, Codable, Sendable, MessageKeyed {
    /// The rejection stands and becomes final.
    case uphold = "uphold"
    /// The rejection is withdrawn and the claim is approved, with a new consent window.
    case overturn = "overturn"

    public var messageKey: String { "dispute_decision.\(rawValue)" }
}
