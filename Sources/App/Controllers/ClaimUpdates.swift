import Claims
import Foundation
import Storage

/// Every change a page makes to a claim goes through here: the domain decides, the store commits
/// the claim, its history and its e-mails in one transaction, and once it has committed any
/// e-mails it queued are handed to the delivery worker straight away.
struct ClaimUpdates: Sendable {
    let store: any ClaimQueries
    let rules: WorkflowRules
    let clock: Clock
    let outboxWakeUp: OutboxWakeUp

    /// Applies `actions` one after another in one transaction, as one change to the claim, after
    /// checking the claim is still at `version` (nil: whatever changed since, for changes that only
    /// add, like a comment). `beforeCommit` runs once the domain has accepted everything and before
    /// the transaction commits (to store uploaded bytes), so a refusal leaves nothing behind.
    @discardableResult
    func perform(_ actions: [ClaimAction], on id: ClaimID, version: Int?, by actor: Actor,
                 beforeCommit: () throws -> Void = {}) throws -> Transition {
        let now = clock.now()
        let transition = try store.update(id, expectedVersion: version) { claim, others in
            var current = claim
            var others = others
            var history: [HistoryEntry] = []
            var emails: [OutgoingEmail] = []
            var changedOthers: [ClaimID: Claim] = [:]
            for action in actions {
                let step = try current.applying(action, by: actor, at: now, rules: rules, claimsOnSameTenant: others)
                current = step.claim
                history += step.history
                emails += step.emails
                // An approval may change other claims on the tenant; later actions see them as changed.
                for other in step.otherClaims {
                    changedOthers[other.id] = other
                    others = others.map { $0.id == other.id ? other : $0 }
                }
            }
            try beforeCommit()
            return Transition(claim: current, history: history, emails: emails,
                              otherClaims: others.filter { changedOthers[$0.id] != nil })
        }
        if !transition.emails.isEmpty { outboxWakeUp.signal() }
        return transition
    }

    /// The domain's answer for each kind of action on `claim`, for `actor`, now.
    func availability(of claim: Claim, for actor: Actor, kinds: [ActionKind] = ActionKind.allCases,
                      others: [Claim] = []) -> [ActionKind: Availability] {
        let now = clock.now()
        var answers: [ActionKind: Availability] = [:]
        for kind in kinds {
            answers[kind] = claim.availability(of: kind, for: actor, at: now, rules: rules, claimsOnSameTenant: others)
        }
        return answers
    }

    /// The kinds of action `actor` may take on `claim` now.
    func allowed(on claim: Claim, for actor: Actor, others: [Claim] = []) -> [ActionKind] {
        claim.availableActions(for: actor, at: clock.now(), rules: rules, claimsOnSameTenant: others)
    }

    /// The claim, if `actor` may see it; otherwise the same 404 as for a claim that does not exist,
    /// so another organization's claim is never confirmed.
    func visibleClaim(_ id: ClaimID, to actor: Actor) throws -> Claim {
        guard let claim = try store.claim(id), claim.isVisible(to: actor) else { throw HTTPError.notFound }
        return claim
    }
}
