/// A subscription's standing as the tenant directory lists it. Raw values are what the directory
/// file says and what is stored; never rename one.
public enum SubscriptionStatus: String, CaseIterable, Codable, Sendable, MessageKeyed {
    case active = "active"
    /// Lapsed but still usable while the customer renews.
    case grace = "grace"
    case disabled = "disabled"

    /// Whether a claim may name a subscription in this status: the troubleshooting page accepts an
    /// active subscription or one in its grace period, nothing else.
    public var acceptsClaims: Bool {
        switch self {
        case .active, .grace: true
        case .disabled: false
        }
    }

    public var messageKey: String { "subscription_status.\(rawValue)" }
}
