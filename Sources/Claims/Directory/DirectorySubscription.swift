/// One of a tenant's subscriptions, as the tenant directory lists it.
public struct DirectorySubscription: Hashable, Sendable {
    public let id: SubscriptionID
    public let product: Product
    public let status: SubscriptionStatus

    public init(id: SubscriptionID, product: Product, status: SubscriptionStatus) {
        self.id = id
        self.product = product
        self.status = status
    }
}
