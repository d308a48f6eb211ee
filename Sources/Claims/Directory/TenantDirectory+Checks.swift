extension TenantDirectory {
    /// What the directory says is wrong with a claim, by field, looking only at what is filled in:
    /// the tenant must be listed, the customer's domain must be one of its verified domains, and a
    /// subscription must be the tenant's, in a status that accepts claims, and for one of the
    /// claimed products (checked once products are chosen). Empty when no directory is loaded.
    public func issues(for details: ClaimDetails) -> [ClaimField: FieldIssue] {
        guard isLoaded, let tenant = details.customer.tenantID else { return [:] }
        guard let entry = entry(for: tenant) else { return [.tenantID: .tenantNotInDirectory] }
        var issues: [ClaimField: FieldIssue] = [:]
        if let domain = details.customer.domain, !entry.hasVerifiedDomain(domain) {
            issues[.customerDomain] = .domainNotOnTenant(domain)
        }
        if let id = details.subscriptionID, let issue = entry.issue(with: id, claiming: details.products) {
            issues[.subscriptionID] = issue
        }
        return issues
    }
}

extension TenantDirectoryEntry {
    /// Why a claim for `products` may not name subscription `id` of this tenant; nil when it may.
    /// A disabled subscription is reported before a product mismatch: choosing other products
    /// would not make it claimable.
    func issue(with id: SubscriptionID, claiming products: [Product]) -> FieldIssue? {
        guard let subscription = subscription(id) else { return .subscriptionNotOnTenant }
        guard subscription.status.acceptsClaims else { return .subscriptionNotAccepted(subscription.status) }
        if !products.isEmpty, !products.contains(subscription.product) {
            return .subscriptionForOtherProduct(subscription.product)
        }
        return nil
    }
}
