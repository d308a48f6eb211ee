import Foundation

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

    /// When the most recent PoE was uploaded: when two partners claim the same workload, the most
    /// recent PoE is what reviewers weigh.
    public var latestProofOfExecutionAt: Date? { evidence.map(\.uploadedAt).max() }

    /// Whether approving this claim takes `other`'s association over for the workloads they share
    /// (the July 2020 update): `other` is another organization's approved claim on this tenant, and
    /// this claim's most recent PoE is more recent than `other`'s. A tie keeps the association
    /// where it is.
    public func replaces(_ other: Claim) -> Bool {
        guard other.organization != organization, other.state == .approved, !sharedWorkloads(with: other).isEmpty,
              let mine = latestProofOfExecutionAt else { return false }
        guard let theirs = other.latestProofOfExecutionAt else { return true }
        return mine > theirs
    }

    /// The conflicts that hold this claim's approval back: every claim among `others` sharing a
    /// workload, except approved associations this claim replaces.
    public func blockingConflicts(among others: [Claim]) -> [ClaimConflict] {
        let replaced = Set(others.filter(replaces).map(\.id))
        return conflicts(among: others).filter { !replaced.contains($0.other) }
    }

    /// The approved associations among `others` that approving this claim takes over, each with the
    /// workloads it loses.
    public func replacedAssociations(among others: [Claim]) -> [ClaimConflict] {
        let replaced = Set(others.filter(replaces).map(\.id))
        return conflicts(among: others).filter { replaced.contains($0.other) }
    }

    /// The workloads this claim and `other` both hold on the same tenant; empty unless `other` holds an association.
    func sharedWorkloads(with other: Claim) -> [Product] {
        guard other.id != id, other.state.holdsAssociation,
              let tenant = details.customer.tenantID, tenant == other.details.customer.tenantID
        else { return [] }
        if let mine = details.subscriptionID, let theirs = other.details.subscriptionID, mine != theirs { return [] }
        return details.products.filter(other.details.products.contains)
    }
}
