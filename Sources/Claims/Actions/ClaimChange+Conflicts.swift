extension ClaimChange {
    /// The same organization may not hold a tenant's workload twice: refuse, naming the existing claim.
    static func refuseDuplicate(of claim: Claim, among others: [Claim]) throws(ClaimError) {
        if let duplicate = claim.conflicts(among: others).first(where: { $0.kind == .sameOrganization }) {
            throw .duplicateClaim(existing: duplicate.other, products: duplicate.products)
        }
    }

    /// Competing claims that `claim` shares a workload with and `previous` did not (all of them
    /// when `previous` is nil), so a competitor is flagged once, not on every edit.
    func competing(_ claim: Claim, among others: [Claim], notAlready previous: Claim?) -> [ClaimConflict] {
        let already = Set((previous.map { $0.state.holdsAssociation ? $0.conflicts(among: others) : [] } ?? [])
            .filter { $0.kind == .competing }.map(\.other))
        return claim.conflicts(among: others).filter { $0.kind == .competing && !already.contains($0.other) }
    }

    /// Records the conflict on both claims, so each side's history shows it.
    mutating func flag(_ conflicts: [ClaimConflict]) {
        for conflict in conflicts {
            record(.conflict(with: conflict.other, products: conflict.products))
            record(.conflict(with: claim.id, products: conflict.products), on: conflict.other)
        }
    }

    /// Overturning a dispute approves, so it waits for competing claims as approval does, and takes
    /// over the older associations approval would.
    func refuseWhileConflicted(among others: [Claim]) throws(ClaimError) {
        if let refusal = claim.conflictRefusal(among: others) { throw refusal }
    }
}
