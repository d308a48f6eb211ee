import Foundation

/// Where claims live between requests. The web app and the timer sweep talk to this protocol;
/// the SQLite implementation is in the Storage module, and tests may use any other.
///
/// Every write goes through `create` or `update`, which commit the claim, its history entries and
/// its e-mails in one transaction, so a crash never leaves a state change without its history
/// or an e-mail that is sent without the change that caused it (or the reverse).
public protocol ClaimStore: Sendable {
    /// Assigns the next claim ID, lets `make` build the draft, and stores the result.
    @discardableResult
    func create(_ make: (ClaimID) throws -> Transition) throws -> Transition

    /// Lets `change` compute the transition from the claim and the other claims on its customer
    /// tenant, and stores it, with the other claims of the tenant it changed (`Transition.otherClaims`),
    /// in one transaction that commits only if none of those claims changed after `change` saw them.
    /// `change` may therefore run more than once (a store may decide on a snapshot first, and again
    /// inside the transaction when the snapshot turned out stale), and must do nothing but decide.
    ///
    /// `beforeCommit` runs once, when `change` first returns a transition that is not empty, before
    /// that is committed (to store uploaded bytes); when it throws, nothing is written. A store may
    /// run it before its transaction begins, so what it does must be harmless if the transaction
    /// then stores nothing (bytes stored under their digest are: no row names them).
    ///
    /// The claims handed to `change` may come without their comments (`Claim.comments` empty): a
    /// change only ever appends to a thread, and the store writes what it appends after the comments
    /// it holds. So an action costs the same on a claim with a long thread as on a new one, and the
    /// transition returned may likewise hold only the comments the change added.
    ///
    /// With `expectedVersion`, a claim that changed since the caller read that version fails with
    /// `ClaimStoreError.changedSinceRead` before `change` runs, so two people acting on the same
    /// claim at once never both win.
    @discardableResult
    func update(_ id: ClaimID, expectedVersion: Int?,
                _ change: (_ claim: Claim, _ claimsOnSameTenant: [Claim]) throws -> Transition,
                beforeCommit: () throws -> Void) throws -> Transition

    func claim(_ id: ClaimID) throws -> Claim?

    /// The claim without its comments (`Claim.comments` empty), for what needs the claim but not
    /// its thread: checking who may act on it, a form, a confirmation. A store may return it whole.
    func claimWithoutComments(_ id: ClaimID) throws -> Claim?

    /// The other claims on the same customer tenant (any state), for conflicts and competing-claim views.
    func claimsOnSameTenant(as claim: Claim) throws -> [Claim]

    /// Every history entry of the claim, oldest first.
    func history(of id: ClaimID) throws -> [HistoryEntry]

    /// Applies every timer due at `now` (at most `limit` claims) and returns the transitions made.
    /// Safe to run twice for the same `now`: what the first run applied is no longer due. The batch
    /// is all or nothing: if `fire` throws, no claim of the batch changes.
    func sweepTimers(at now: Date, limit: Int, _ fire: (Claim) throws -> Transition?) throws -> [Transition]

    /// Brings claims in line with the tenant directory: takes the claims (at most `limit`, after
    /// `cursor` in the store's order) in `Claim.statesCheckedAgainstDirectory` whose subscription
    /// notice disagrees with the status the directory lists for their subscription, lets
    /// `reconcile` compute each transition from the claim and its tenant's entry, and stores them,
    /// all in one transaction. Returns the transitions and where to continue (nil when no claim
    /// remains). Safe to run twice: what the first run recorded no longer disagrees.
    func sweepDirectory(at now: Date, after cursor: ClaimID?, limit: Int,
                        _ reconcile: (Claim, TenantDirectory) throws -> Transition?) throws -> (transitions: [Transition], next: ClaimID?)
}

extension ClaimStore {
    /// The whole claim, for stores that read a thread with the claim anyway.
    public func claimWithoutComments(_ id: ClaimID) throws -> Claim? { try claim(id) }
}

extension ClaimStore {
    /// `update` with nothing to do before the commit.
    @discardableResult
    public func update(_ id: ClaimID, expectedVersion: Int?,
                       _ change: (_ claim: Claim, _ claimsOnSameTenant: [Claim]) throws -> Transition) throws -> Transition {
        try update(id, expectedVersion: expectedVersion, change, beforeCommit: {})
    }
}

public enum ClaimStoreError: Error, Equatable, Sendable, MessageKeyed {
    case notFound(ClaimID)
    /// The claim was changed by someone else after the caller read `expected`.
    case changedSinceRead(ClaimID, expected: Int, actual: Int)

    public var messageKey: String {
        switch self {
        case .notFound: "error.claim.not_found"
        case .changedSinceRead: "error.claim.changed_since_read"
        }
    }

    public var messageArguments: [String: String] {
        switch self {
        case .notFound(let id): ["claim": id.rawValue]
        case .changedSinceRead(let id, _, _): ["claim": id.rawValue]
        }
    }
}
