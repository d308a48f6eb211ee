#if Postgres
import Claims
import Foundation
import Postgres
import Storage

extension PostgresClaimStore {
    /// Brings a batch of claims in line with the tenant directory, in one transaction. Candidates
    /// are taken with `FOR UPDATE SKIP LOCKED`: a claim another node is changing or sweeping is
    /// left for the next run, which finds it still disagreeing if it does.
    public func sweepDirectory(at now: Date, after cursor: ClaimID?, limit: Int,
                               _ reconcile: (Claim, TenantDirectory) throws -> Transition?) throws -> (transitions: [Transition], next: ClaimID?) {
        // Which states and statuses count is the domain's to say; the queries take them as parameters.
        let states = ArrayParameter.texts(Claim.statesCheckedAgainstDirectory.map(\.rawValue).sorted())
        let refused = ArrayParameter.texts(SubscriptionStatus.allCases.filter { !$0.acceptsClaims }.map(\.rawValue))
        let after = cursor.flatMap(StoredClaims.number(of:)) ?? 0
        return try database.transaction { connection in
            // One node at a time; another node's run does this batch.
            guard try TransactionLocks.trySweep("directory", in: connection) else { return ([], nil) }
            let parameters: [(any PostgresBindable)?] = [refused, states, after, limit]
            let candidates = try connection.query(Self.newlyRefusedSQL, parameters) + connection.query(Self.acceptedAgainSQL, parameters)
            // Each query gives its first `limit` after the cursor, so the first `limit` of both are among them.
            let batch = Array(Set(try candidates.map { try $0.int64("number") }).sorted().prefix(limit))
            var transitions: [Transition] = []
            for number in batch {
                guard let claim = try PostgresClaimRows.load(number: number, in: connection),
                      let tenant = claim.details.customer.tenantID,
                      // A tenant another write holds is left for the next run (waiting could deadlock).
                      try TransactionLocks.tryLockTenant(tenant.rawValue, in: connection) else { continue }
                let directory = try PostgresDirectoryRows.directory(for: [tenant], in: connection)
                guard let transition = try reconcile(claim, directory), !transition.isEmpty else { continue }
                try PostgresClaimRows.update(transition.claim, number: number, previousVersion: claim.version, at: now, in: connection)
                try PostgresClaimRows.record(transition, in: connection)
                transitions.append(transition)
            }
            return (transitions, batch.count < limit ? nil : batch.last.map(StoredClaims.id(number:)))
        }
    }

    /// Claims without a notice whose subscription the directory lists, on their tenant, in a status
    /// in $1 (those that refuse claims); read from that status's few subscriptions, not from every claim.
    static let newlyRefusedSQL = """
        SELECT c.number FROM directory_subscriptions s
        JOIN claims c ON c.subscription_id = s.subscription_id
        WHERE s.status = ANY($1::text[]) AND c.subscription_id IS NOT NULL
            AND c.tenant_id = s.tenant_id AND NOT c.subscription_notice
            AND c.state = ANY($2::text[]) AND c.number > $3
        ORDER BY c.number LIMIT $4
        FOR UPDATE OF c SKIP LOCKED
        """

    /// Claims with a notice whose subscription the directory now lists, on their tenant, in a status outside $1.
    static let acceptedAgainSQL = """
        SELECT c.number FROM claims c
        JOIN directory_subscriptions s ON s.subscription_id = c.subscription_id AND s.tenant_id = c.tenant_id
        WHERE c.subscription_notice AND NOT (s.status = ANY($1::text[]))
            AND c.state = ANY($2::text[]) AND c.number > $3
        ORDER BY c.number LIMIT $4
        FOR UPDATE OF c SKIP LOCKED
        """
}
#endif
