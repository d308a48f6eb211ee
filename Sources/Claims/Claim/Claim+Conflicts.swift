extension Claim {
    /// The claims among `others` that hold one of this claim's workloads on the same tenant.
    ///
    /// Only claims that hold an association count (Submitted, In review, Partner action required,
    /// Approved, Disputed); a conflict is therefore resolved as soon as the other claim is
    /// rejected or the shared workload is removed from either claim. When both claims name a
    /// subscription and the subscriptions differ, they do not conflict: a tenant's separate
    /// subscriptions may have separate partners.
    public func conflicts(among others: [Claim]) -> [ClaimConflict] {
        others.compactMap { other in
            let shared = sharedWorkloads(with: other)
            guard !shared.isEmpty else { return nil }
            return ClaimConflict(
                kind: other.organization == organization ? .sameOrganization : .competing,
                other: other.id, otherOrganization: other.organization, otherState: other.state, products: shared
            )
        }
        .sorted { $0.other < $1.other }
    }

    /// Whether this claim holds an association that another organization's claim also holds:
    /// the reviewer must resolve it before approving. Used to keep the review queue's
    /// "competing" view current on every save.
    public func isCompeting(among others: [Claim]) -> Bool {
        state.holdsAssociation && conflicts(among: others).contains { $0.kind == .competing }
    }

    func sharedWorkloads(with other: Claim) -> [Product] {
        guard other.id != id, other.state.holdsAssociation,
              let tenant = details.customer.tenantID, tenant == other.details.customer.tenantID
        else { return [] }
        if let mine = details.subscriptionID, let theirs = other.details.subscriptionID, mine != theirs { return [] }
        return details.products.filter(other.details.products.contains)
    }
}
