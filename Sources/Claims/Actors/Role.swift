/// The one role a user account holds. Partner roles belong to a partner organization;
/// reviewers belong to none and see every organization's claims.
public enum Role: String, CaseIterable, CaseHashed, Sendable, Codable {
    case globalAdmin = "global_admin"
    case incentivesAdmin = "incentives_admin"
    case billingAdmin = "billing_admin"
    case reviewer = "reviewer"

    public var isPartner: Bool { self != .reviewer }

    /// Key of the role's label in the message catalog.
    public var messageKey: String { "role.\(rawValue)" }
}
