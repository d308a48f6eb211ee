/// What the operator's tenant directory knows about one customer tenant: its verified domains and
/// its subscriptions.
public struct TenantDirectoryEntry: Hashable, Sendable {
    public let tenantID: TenantID
    /// In order, without duplicates.
    public let domains: [DomainName]
    /// In order of their IDs, without duplicates.
    public let subscriptions: [DirectorySubscription]

    public init(tenantID: TenantID, domains: [DomainName], subscriptions: [DirectorySubscription]) {
        self.tenantID = tenantID
        self.domains = Array(Set(domains)).sorted()
        var seen = Set<SubscriptionID>()
        self.subscriptions = subscriptions.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }

    /// A domain belongs to the tenant when the directory lists exactly that name as verified.
    /// A subdomain of a verified domain does not count unless it is listed too: Entra ID verifies
    /// each domain a tenant uses, and the directory is a copy of that list.
    public func hasVerifiedDomain(_ domain: DomainName) -> Bool {
        domains.contains(domain)
    }

    public func subscription(_ id: SubscriptionID) -> DirectorySubscription? {
        subscriptions.first { $0.id == id }
    }
}
