/// The solution area a claim is filed in; it decides which products may be claimed.
public enum SolutionArea: String, CaseIterable, CaseHashed, Codable, Sendable, MessageKeyed {
    case businessApplications = "business_applications"
    case microsoft365 = "microsoft_365"

    public var messageKey: String { "solution_area.\(rawValue)" }

    /// The fixed catalog of products/workloads a partner may claim in this area.
    public var products: [Product] { Product.allCases.filter { $0.solutionArea == self } }

    /// Only Business Applications claims may name a subscription.
    public var acceptsSubscriptionID: Bool { self == .businessApplications }
}
