/// What the partner did for the customer.
public enum Activity: String, CaseIterable, CaseHashed, Codable, Sendable, MessageKeyed {
    case preSales = "pre_sales"
    case usageDeployment = "usage_deployment"
    case revenueAssociation = "revenue_association"

    public var messageKey: String { "activity.\(rawValue)" }
}
