#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// Claims in PostgreSQL, shared by several nodes. Each write is one transaction holding the claim,
/// its products, documents, comments, history and outbox rows together, as in SQLite; where
/// SQLite's single writer made writes take turns, locks do here:
/// - an update locks its claim's row (`FOR UPDATE`) before checking the version, so of two nodes
///   acting on one claim the second waits, reads the first's version, and fails with
///   `ClaimStoreError.changedSinceRead`;
/// - writes that read a tenant's other claims (competing flags, an association taken over) first
///   take the tenant's lock (`TransactionLocks`), so they see each other's results;
/// - sweeps run on one node at a time (an advisory lock for the sweep's transaction), and take due
///   rows with `FOR UPDATE SKIP LOCKED`, leaving a claim an update holds for the next sweep: no
///   timer is applied twice.
public struct PostgresClaimStore: ClaimStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    // MARK: writes

    @discardableResult
    public func create(_ make: (ClaimID) throws -> Transition) throws -> Transition {
        try database.transaction { connection in
            // A sequence, not max + 1: nodes creating claims at once each get their own number.
            guard let number = try connection.queryOne("SELECT nextval('claim_numbers') AS next")?.int64("next") else {
                throw PostgresRowDecodingError.unexpectedNull(column: "next", expected: "integer")
            }
            let transition = try make(StoredClaims.id(number: number))
            try PostgresClaimRows.insert(transition.claim, number: number, in: connection)
            try PostgresClaimRows.record(transition, in: connection)
            return transition
        }
    }

    @discardableResult
    public func update(_ id: ClaimID, expectedVersion: Int?, _ change: (Claim, [Claim]) throws -> Transition,
                       beforeCommit: () throws -> Void) throws -> Transition {
        guard let number = StoredClaims.number(of: id) else { throw ClaimStoreError.notFound(id) }
        while true {
            do {
                return try database.transaction { connection in
                    try update(number, id: id, expectedVersion: expectedVersion, change, beforeCommit: beforeCommit, in: connection)
                }
            } catch is TenantMoved {
                // Another node moved the claim to another tenant between our two reads; lock that one.
                continue
            }
        }
    }

    /// Thrown inside an update's transaction when the claim's tenant changed before its row was
    /// locked: the transaction is rolled back and tried again, before `change` has run.
    private struct TenantMoved: Error {}

    private func update(_ number: Int64, id: ClaimID, expectedVersion: Int?, _ change: (Claim, [Claim]) throws -> Transition,
                        beforeCommit: () throws -> Void, in connection: PostgresConnection) throws -> Transition {
        // The tenant's lock before the claim's row lock, always in that order, so writers cannot deadlock.
        guard let located = try connection.queryOne("SELECT tenant_id FROM claims WHERE number = $1", [number]) else {
            throw ClaimStoreError.notFound(id)
        }
        let tenant = try located.optionalString("tenant_id")
        if let tenant { try TransactionLocks.lockTenant(tenant, in: connection) }
        guard let current = try PostgresClaimRows.load(number: number, lockingRow: true, in: connection) else {
            throw ClaimStoreError.notFound(id)
        }
        guard current.details.customer.tenantID?.rawValue == tenant else { throw TenantMoved() }
        if let expectedVersion, expectedVersion != current.version {
            throw ClaimStoreError.changedSinceRead(id, expected: expectedVersion, actual: current.version)
        }
        let others = try PostgresClaimRows.sameTenant(as: current, in: connection)
        let transition = try change(current, others)
        if transition.isEmpty { return transition }
        try beforeCommit()
        let at = StoredClaims.changedAt(transition)
        try PostgresClaimRows.update(transition.claim, number: number, previousVersion: current.version, at: at, in: connection)
        // Claims the change reached on the same tenant (an association an approval took over),
        // each from the version this transaction read.
        var settled = others
        for other in transition.otherClaims {
            guard let index = others.firstIndex(where: { $0.id == other.id }), let otherNumber = StoredClaims.number(of: other.id) else {
                throw ClaimStoreError.notFound(other.id)
            }
            try PostgresClaimRows.update(other, number: otherNumber, previousVersion: others[index].version, at: at, in: connection)
            settled[index] = other
        }
        try PostgresClaimRows.record(transition, in: connection)
        try PostgresClaimRows.refreshCompetingFlags(transition.claim, others: settled, in: connection)
        return transition
    }

    public func sweepTimers(at now: Date, limit: Int, _ fire: (Claim) throws -> Transition?) throws -> [Transition] {
        // One transaction for the batch, all or nothing, on one node at a time. Rows an update
        // holds are skipped, not waited for: the next sweep applies them.
        try database.transaction { connection in
            guard try TransactionLocks.trySweep("timers", in: connection) else { return [] }
            let due = try connection.query("""
                SELECT number, tenant_id FROM claims WHERE next_timer_at IS NOT NULL AND next_timer_at <= $1
                ORDER BY next_timer_at, number LIMIT $2 FOR UPDATE SKIP LOCKED
                """, [now.millisecondsSince1970, limit])
            var transitions: [Transition] = []
            for row in due {
                let number = try row.int64("number")
                // Holding this row, waiting for a tenant's lock could deadlock with its holder;
                // a claim whose tenant is busy is left for the next sweep.
                if let tenant = try row.optionalString("tenant_id"), try !TransactionLocks.tryLockTenant(tenant, in: connection) {
                    continue
                }
                guard let claim = try PostgresClaimRows.load(number: number, in: connection) else { continue }
                guard let transition = try fire(claim), !transition.isEmpty else {
                    // Nothing fired although the row said due (e.g. a rounding edge): move the
                    // marker to what the claim itself says, so the sweep does not spin on it.
                    try connection.execute("UPDATE claims SET next_timer_at = $1 WHERE number = $2",
                                           [claim.nextTimerDue.map { max($0.millisecondsSince1970, now.millisecondsSince1970 + 1) },
                                            number])
                    continue
                }
                try PostgresClaimRows.update(transition.claim, number: number, previousVersion: claim.version, at: now, in: connection)
                try PostgresClaimRows.record(transition, in: connection)
                let others = try PostgresClaimRows.sameTenant(as: claim, in: connection)
                try PostgresClaimRows.refreshCompetingFlags(transition.claim, others: others, in: connection)
                transitions.append(transition)
            }
            return transitions
        }
    }

    // MARK: reads

    public func claim(_ id: ClaimID) throws -> Claim? {
        guard let number = StoredClaims.number(of: id) else { return nil }
        return try read { connection in try PostgresClaimRows.load(number: number, in: connection) }
    }

    /// The claim whose current approval `token` belongs to; nil for any token that is not one,
    /// whether it never existed, was mistyped, or was replaced by a newer approval.
    public func claim(consentToken token: ConsentToken) throws -> Claim? {
        try read { connection in
            let numbers = try connection.query("SELECT number FROM claims WHERE consent_token_hash = $1", [token.hash])
                .map { try $0.int64("number") }
            for number in numbers {
                if let claim = try PostgresClaimRows.load(number: number, in: connection), claim.acceptsConsentToken(token) { return claim }
            }
            return nil
        }
    }

    public func claimsOnSameTenant(as claim: Claim) throws -> [Claim] {
        try read { connection in try PostgresClaimRows.sameTenant(as: claim, in: connection) }
    }

    public func history(of id: ClaimID) throws -> [HistoryEntry] {
        guard let number = StoredClaims.number(of: id) else { return [] }
        return try database.read { connection in
            try connection.query("SELECT id, entry FROM history WHERE claim_number = $1 ORDER BY id", [number])
                .map { try StoredClaims.historyEntry(id: $0.int64("id"), entry: $0.string("entry")) }
        }
    }

    /// Reads that take several statements (a claim and its rows, several claims) in one snapshot,
    /// so they never see half of another node's write.
    func read<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try database.pool.withConnection { connection in
            try connection.transaction(.repeatableRead) { try body(connection) }
        }
    }
}

extension PostgresClaimStore: ClaimQueries {}
#endif
