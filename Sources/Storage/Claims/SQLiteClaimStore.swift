import Claims
import Foundation
import SQLite

/// Claims in SQLite. Reads use the pool's readers; every write runs on the single writer inside
/// one IMMEDIATE transaction that holds the claim, its products, documents, comments, history and
/// outbox rows together.
public struct SQLiteClaimStore: ClaimStore {
    let database: Database
    static let firstNumber = StoredClaims.firstNumber

    public init(database: Database) { self.database = database }

    public static func number(of id: ClaimID) -> Int64? { StoredClaims.number(of: id) }

    public static func id(number: Int64) -> ClaimID { StoredClaims.id(number: number) }

    // MARK: writes

    @discardableResult
    public func create(_ make: (ClaimID) throws -> Transition) throws -> Transition {
        // The pool runs the body in a savepoint of its own, which a failure rolls back.
        try database.pool.write { db in
            let next = try db.queryOne("SELECT coalesce(max(number) + 1, ?) AS next FROM claims",
                                       [Self.firstNumber])?.int64("next") ?? Self.firstNumber
            let transition = try make(Self.id(number: next))
            try ClaimRows.insert(transition.claim, number: next, in: db)
            try record(transition, in: db)
            return transition
        }
    }

    /// Decides on a snapshot before it takes the writer, which every other write waits for: the
    /// claim and its tenant's others are read, `change` runs, its statements are built (the JSON
    /// encoded) and `beforeCommit` runs (an upload's link and directory sync wait for the disk),
    /// all beside other writes. The writer then only checks that what was read is still current
    /// and runs the statements. When something changed since, it reads and decides again, on what
    /// is there now, as every update did before.
    @discardableResult
    public func update(_ id: ClaimID, expectedVersion: Int?, _ change: (Claim, [Claim]) throws -> Transition,
                       beforeCommit: () throws -> Void) throws -> Transition {
        guard let number = Self.number(of: id) else { throw ClaimStoreError.notFound(id) }
        let snapshot = try database.pool.read { db in
            try db.transaction(.deferred) { try ClaimSnapshot.read(number: number, in: db) }
        }
        guard let snapshot else { throw ClaimStoreError.notFound(id) }
        let decided = try decide(snapshot, expectedVersion: expectedVersion, change)
        guard let decidedWrites = decided.writes else { return decided.transition }
        try beforeCommit()
        return try database.pool.write { db in
            if try snapshot.isCurrent(in: db) {
                try decidedWrites.run(in: db)
                return decided.transition
            }
            guard let current = try ClaimSnapshot.read(number: number, in: db) else { throw ClaimStoreError.notFound(id) }
            let (transition, writes) = try decide(current, expectedVersion: expectedVersion, change)
            try writes?.run(in: db)
            return transition
        }
    }

    /// What `change` makes of the snapshot's claim, with the others on its tenant, and the
    /// statements that save it: the claim, the other claims the change reached on the tenant (an
    /// association an approval took over), each over the version read, its history and e-mails,
    /// and the tenant's competing flags. No statements when the change is empty.
    private func decide(_ snapshot: ClaimSnapshot, expectedVersion: Int?,
                        _ change: (Claim, [Claim]) throws -> Transition) throws -> (transition: Transition, writes: RowWrites?) {
        let current = snapshot.claim, others = snapshot.others, number = snapshot.number
        if let expectedVersion, expectedVersion != current.version {
            throw ClaimStoreError.changedSinceRead(current.id, expected: expectedVersion, actual: current.version)
        }
        let transition = try change(current, others)
        if transition.isEmpty { return (transition, nil) }
        let at = ClaimRows.changedAt(transition)
        var writes = RowWrites()
        try ClaimRows.update(transition.claim, over: current, number: number, at: at,
                             storedComments: snapshot.storedComments[number], into: &writes)
        var settled = others
        for other in transition.otherClaims {
            guard let index = others.firstIndex(where: { $0.id == other.id }), let otherNumber = Self.number(of: other.id) else {
                throw ClaimStoreError.notFound(other.id)
            }
            try ClaimRows.update(other, over: others[index], number: otherNumber, at: at,
                                 storedComments: snapshot.storedComments[otherNumber], into: &writes)
            settled[index] = other
        }
        try record(transition, into: &writes)
        CompetingFlags.refresh(transition.claim, others: settled, into: &writes)
        return (transition, writes)
    }

    public func sweepTimers(at now: Date, limit: Int, _ fire: (Claim) throws -> Transition?) throws -> [Transition] {
        // One transaction for the batch: each claim's change is still all-or-nothing with its
        // history and e-mails, and one WAL sync covers the batch instead of one per claim.
        try database.pool.writeLarge { db in
            try db.transaction {
                let due = try db.query("""
                    SELECT number FROM claims WHERE next_timer_at IS NOT NULL AND next_timer_at <= ?
                    ORDER BY next_timer_at LIMIT ?
                    """, [now.millisecondsSince1970, limit]).map { try $0.int64("number") }
                var transitions: [Transition] = []
                for number in due {
                    guard let claim = try ClaimRows.load(number: number, in: db) else { continue }
                    guard let transition = try fire(claim), !transition.isEmpty else {
                        // Nothing fired although the row said due (e.g. a rounding edge): move the
                        // marker to what the claim itself says, so the sweep does not spin on it.
                        try db.run("UPDATE claims SET next_timer_at = ? WHERE number = ?",
                                   [claim.nextTimerDue.map { max($0.millisecondsSince1970, now.millisecondsSince1970 + 1) }, number])
                        continue
                    }
                    try ClaimRows.update(transition.claim, over: claim, number: number, at: now, in: db)
                    try record(transition, in: db)
                    try CompetingFlags.refresh(transition.claim, others: try ClaimRows.sameTenant(as: claim, in: db), in: db)
                    transitions.append(transition)
                }
                return transitions
            }
        }
    }

    /// History rows (which may concern other claims, e.g. a competitor flagged) and outbox rows.
    func record(_ transition: Transition, in db: Connection) throws {
        var writes = RowWrites()
        try record(transition, into: &writes)
        try writes.run(in: db)
    }

    /// `record`'s statements, for a save that runs them later in its transaction.
    func record(_ transition: Transition, into writes: inout RowWrites) throws {
        let at = ClaimRows.changedAt(transition)
        for entry in transition.history {
            guard let number = Self.number(of: entry.claimID) else { continue }
            writes.add(ClaimRows.insertHistorySQL, ClaimRows.historyRow(entry, claimNumber: number, json: try ClaimRows.json(entry)))
        }
        for email in transition.emails {
            writes.add(SQLiteOutbox.enqueueSQL, try SQLiteOutbox.enqueueRow(email, claimNumber: email.claimID.flatMap(Self.number(of:)), at: at))
        }
    }

    // MARK: reads

    public func claim(_ id: ClaimID) throws -> Claim? {
        guard let number = Self.number(of: id) else { return nil }
        return try database.pool.read { db in try ClaimRows.load(number: number, in: db) }
    }

    public func claimWithoutComments(_ id: ClaimID) throws -> Claim? {
        guard let number = Self.number(of: id) else { return nil }
        return try database.pool.read { db in try ClaimRows.loadStored(number: number, comments: false, in: db)?.claim }
    }

    /// The claim a customer's consent link opens, or nil for a token that opens none.
    public func claim(consentToken token: ConsentToken) throws -> Claim? {
        try database.pool.read { db in try ConsentTokenIndex.claim(for: token, in: db) }
    }

    public func claimsOnSameTenant(as claim: Claim) throws -> [Claim] {
        try database.pool.read { db in try ClaimRows.sameTenant(as: claim, in: db) }
    }

    public func history(of id: ClaimID) throws -> [HistoryEntry] {
        guard let number = Self.number(of: id) else { return [] }
        return try database.pool.read { db in
            try db.query("SELECT id, entry FROM history WHERE claim_number = ? ORDER BY id", [number])
                .map { try StoredClaims.historyEntry(id: $0.int64("id"), entry: $0.string("entry")) }
        }
    }
}
