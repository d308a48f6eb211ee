import Claims
import Foundation
import SQLite

extension SQLiteClaimStore {
    public func sweepDirectory(at now: Date, after cursor: ClaimID?, limit: Int,
                               _ reconcile: (Claim, TenantDirectory) throws -> Transition?) throws -> (transitions: [Transition], next: ClaimID?) {
        // Which states and statuses count is the domain's to say; the queries take them as parameters.
        let states = try ClaimRows.json(Claim.statesCheckedAgainstDirectory.map(\.rawValue).sorted())
        let refused = try ClaimRows.json(SubscriptionStatus.allCases.filter { !$0.acceptsClaims }.map(\.rawValue))
        let after = cursor.flatMap(Self.number(of:)) ?? 0
        return try database.pool.writeLarge { db in
            try db.transaction {
                let parameters: [any SQLiteBindable] = [refused, states, after, limit]
                let candidates = try db.query(Self.newlyRefusedSQL, parameters) + db.query(Self.acceptedAgainSQL, parameters)
                // Each query gives its first `limit` after the cursor, so the first `limit` of both are among them.
                let batch = Array(Set(try candidates.map { try $0.int64("number") }).sorted().prefix(limit))
                var transitions: [Transition] = []
                for number in batch {
                    guard let claim = try ClaimRows.load(number: number, in: db),
                          let tenant = claim.details.customer.tenantID else { continue }
                    let directory = try DirectoryRows.directory(for: [tenant], in: db)
                    guard let transition = try reconcile(claim, directory), !transition.isEmpty else { continue }
                    try ClaimRows.update(transition.claim, over: claim, number: number, at: now, in: db)
                    try record(transition, in: db)
                    transitions.append(transition)
                }
                return (transitions, batch.count < limit ? nil : batch.last.map(Self.id(number:)))
            }
        }
    }

    /// Claims without a notice whose subscription the directory lists, on their tenant, in a status
    /// in ?1 (those that refuse claims); read from that status's few subscriptions, not from every claim.
    static let newlyRefusedSQL = """
        SELECT c.number FROM directory_subscriptions s
        JOIN claims c ON c.subscription_id = s.subscription_id
        WHERE s.status IN (SELECT value FROM json_each(?1)) AND c.subscription_id IS NOT NULL
            AND c.tenant_id = s.tenant_id AND c.subscription_notice = 0
            AND c.state IN (SELECT value FROM json_each(?2)) AND c.number > ?3
        ORDER BY c.number LIMIT ?4
        """

    /// Claims with a notice whose subscription the directory now lists, on their tenant, in a status outside ?1.
    static let acceptedAgainSQL = """
        SELECT c.number FROM claims c
        JOIN directory_subscriptions s ON s.subscription_id = c.subscription_id AND s.tenant_id = c.tenant_id
        WHERE c.subscription_notice = 1 AND s.status NOT IN (SELECT value FROM json_each(?1))
            AND c.state IN (SELECT value FROM json_each(?2)) AND c.number > ?3
        ORDER BY c.number LIMIT ?4
        """
}
