import Foundation

/// An approved association coming to an end after approval.
public struct AssociationEnd: Hashable, Codable, Sendable {
    /// Raw values are stored; never rename one.
    public enum Cause: String, CaseIterable, Codable, Sendable, MessageKeyed {
        /// The customer declined after the association was sent for incentive evaluation (2023 edition).
        case customerDeclined = "customer_declined"

        public var messageKey: String { "association_end.\(rawValue)" }
    }

    public let endedAt: Date
    public let endedBy: Actor
    public let cause: Cause
    /// The workloads whose association ended.
    public let products: [Product]
    /// The customer's reason, in their words; empty when they gave none.
    public let comment: String

    public init(endedAt: Date, endedBy: Actor, cause: Cause, products: [Product], comment: String = "") {
        self.endedAt = endedAt
        self.endedBy = endedBy
        self.cause = cause
        self.products = products
        self.comment = comment
    }
}
