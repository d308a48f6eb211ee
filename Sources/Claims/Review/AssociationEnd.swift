import Foundation

/// An approved association, or some of its workloads, coming to an end after approval.
public struct AssociationEnd: Hashable, Codable, Sendable {
    /// Raw values are stored; never rename one.
    public enum Cause: String, CaseIterable, Codable, Sendable, MessageKeyed {
        /// The customer declined after the association was sent for incentive evaluation (2023 edition).
        case customerDeclined = "customer_declined"
        /// A reviewer approved another organization's claim with more recent PoE for these workloads.
        case replaced = "replaced"

        public var messageKey: String { "association_end.\(rawValue)" }
    }

    public let endedAt: Date
    public let endedBy: Actor
    public let cause: Cause
    /// The workloads whose association ended: all the claim held, unless a replacement shared only some.
    public let products: [Product]
    /// The customer's reason, in their words; empty when they gave none, and for a replacement.
    public let comment: String
    /// For a replacement: the claim approved in this one's place.
    public let replacedBy: ClaimID?
    /// For a replacement: the most recent PoE of each claim when the reviewer decided, the facts weighed.
    public let latestProofOfExecutionAt: Date?
    public let replacingLatestProofOfExecutionAt: Date?

    public init(endedAt: Date, endedBy: Actor, cause: Cause, products: [Product], comment: String = "",
                replacedBy: ClaimID? = nil, latestProofOfExecutionAt: Date? = nil, replacingLatestProofOfExecutionAt: Date? = nil) {
        self.endedAt = endedAt
        self.endedBy = endedBy
        self.cause = cause
        self.products = products
        self.comment = comment
        self.replacedBy = replacedBy
        self.latestProofOfExecutionAt = latestProofOfExecutionAt
        self.replacingLatestProofOfExecutionAt = replacingLatestProofOfExecutionAt
    }
}
