import Claims
import SQLite

/// Keeps `claims.competing` true exactly for the claims the domain calls competing, so the review
/// queue can list them from an index instead of comparing every claim with its tenant's others.
enum CompetingFlags {
    /// Recomputes the flag of `claim` (just saved) and of every claim on its tenant, inside the
    /// save's transaction: a change to one claim can start or end a conflict for the others.
    static func refresh(_ claim: Claim, others: [Claim], in db: Connection) throws {
        var writes = RowWrites()
        refresh(claim, others: others, into: &writes)
        try writes.run(in: db)
    }

    /// `refresh`'s statements, for a save that runs them later in its transaction.
    static func refresh(_ claim: Claim, others: [Claim], into writes: inout RowWrites) {
        let all = [claim] + others.filter { $0.id != claim.id }
        for candidate in all {
            guard let number = SQLiteClaimStore.number(of: candidate.id) else { continue }
            let competing = candidate.isCompeting(among: all.filter { $0.id != candidate.id }) ? 1 : 0
            writes.add("UPDATE claims SET competing = ? WHERE number = ? AND competing != ?", [competing, number, competing])
        }
    }
}
