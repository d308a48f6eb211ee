import Foundation

/// An approved association whose subscription the tenant directory lists in a status that does not
/// accept claims (disabled). Not a state: the association stays approved, and both sides see the
/// notice until a later directory lists the subscription as active or in grace again.
public struct SubscriptionNotice: Hashable, Codable, Sendable {
    public let subscriptionID: SubscriptionID
    public let status: SubscriptionStatus
    /// When the timer sweep found it in the directory.
    public let checkedAt: Date

    public init(subscriptionID: SubscriptionID, status: SubscriptionStatus, checkedAt: Date) {
        self.subscriptionID = subscriptionID
        self.status = status
        self.checkedAt = checkedAt
    }
}
