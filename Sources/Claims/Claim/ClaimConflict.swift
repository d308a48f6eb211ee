/// Another claim holding a workload this claim also claims, on the same customer tenant.
public struct ClaimConflict: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// The same organization filed the same tenant+workload twice: the newer filing is refused.
        case sameOrganization = "same_organization"
        /// Another organization holds it: both claims are flagged; approval waits until it is resolved.
        case competing = "competing"
    }

    public let kind: Kind
    public let other: ClaimID
    public let otherOrganization: OrganizationID
    public let otherState: ClaimState
    /// The workloads both claims name.
    public let products: [Product]

    public init(kind: Kind, other: ClaimID, otherOrganization: OrganizationID, otherState: ClaimState, products: [Product]) {
        self.kind = kind
        self.other = other
        self.otherOrganization = otherOrganization
        self.otherState = otherState
        self.products = products
    }
}
