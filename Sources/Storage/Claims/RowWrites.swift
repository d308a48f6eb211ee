import Claims
import SQLite

/// The statements that save a change, each with its parameters, worked out before any of them
/// runs. An update builds them before it takes the writer, which every other write waits for,
/// so that the writer spends its time running them and not encoding JSON or asking the domain.
struct RowWrites {
    private struct Step {
        let sql: String
        let values: [any SQLiteBindable]
        /// For the UPDATE of a claim's row: the claim and the version it must still be at, which
        /// the statement's WHERE checks, so that it changes exactly one row.
        let claimAtVersion: (ClaimID, Int)?
    }

    private var steps: [Step] = []

    mutating func add(_ sql: String, _ values: [any SQLiteBindable]) {
        steps.append(Step(sql: sql, values: values, claimAtVersion: nil))
    }

    /// Adds the UPDATE of `claim`'s row, which must find it still at `version`.
    mutating func addClaimUpdate(_ sql: String, _ values: [any SQLiteBindable], claim: ClaimID, version: Int) {
        steps.append(Step(sql: sql, values: values, claimAtVersion: (claim, version)))
    }

    /// Runs the statements in order; throws at the first that fails, leaving the caller's
    /// transaction to undo the ones before it.
    func run(in db: Connection) throws {
        for step in steps {
            let changed = try db.run(step.sql, step.values)
            // The caller read this version in the same transaction, or checked that its snapshot
            // is still current: a mismatch here means a bug, not a race.
            if let (claim, version) = step.claimAtVersion, changed != 1 {
                throw ClaimStoreError.changedSinceRead(claim, expected: version, actual: -1)
            }
        }
    }
}
