extension ClaimChange {
    /// Approving this claim takes over the approved associations it replaces (see `Claim.replaces(_:)`)
    /// for the workloads they share: each older claim loses them, its partner is told why, and both
    /// histories say so. The reviewer who approves is the one who ended them.
    mutating func takeOverAssociations(among others: [Claim]) {
        for replaced in claim.replacedAssociations(among: others) {
            guard let older = others.first(where: { $0.id == replaced.other }) else { continue }
            let products = replaced.products
            var change = ClaimChange(older, actor: actor, now: now, rules: rules)
            change.lose(products, to: claim)
            include(change.finished())
            record(.replaced(claim: older.id, products: products))
        }
    }

    /// This claim's association ends for `products`, taken over by `newer`. Workloads it still holds
    /// alone stay approved; when none are left, the association has ended.
    mutating func lose(_ products: [Product], to newer: Claim) {
        let end = AssociationEnd(
            endedAt: now, endedBy: actor, cause: .replaced, products: products, replacedBy: newer.id,
            latestProofOfExecutionAt: claim.latestProofOfExecutionAt,
            replacingLatestProofOfExecutionAt: newer.latestProofOfExecutionAt)
        claim.approval?.ends.append(end)
        record(.replacedBy(claim: newer.id, products: products))
        let remaining = claim.details.products.filter { !products.contains($0) }
        if remaining.isEmpty {
            // The claim keeps its products, for the record of what it held.
            claim.closedAt = now
            move(to: .ended, reasons: [AssociationEnd.Cause.replaced.messageKey])
        } else {
            claim.details.products = remaining
        }
        emailPartner(.associationReplaced, [
            "ended_products": products.map(\.messageKey).joined(separator: ","),
            "remaining_products": remaining.map(\.messageKey).joined(separator: ","),
            "replaced_by": newer.id.rawValue,
            "own_poe_at": end.latestProofOfExecutionAt?.messageArgument ?? "",
            "replacing_poe_at": end.replacingLatestProofOfExecutionAt?.messageArgument ?? "",
            "ended_at": now.messageArgument,
        ])
    }
}
