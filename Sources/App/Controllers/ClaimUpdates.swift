import Claims
import Foundation
import Storage

/// Every change a page makes to a claim goes through here: the domain decides, the store commits
/// the claim, its history and its e-mails in one transaction, and once it has committed any
/// e-mails it queued are handed to the delivery worker straight away. The tenant directory's
/// entries go to the domain with every draft saved and every submission, so no page can forget them.
struct ClaimUpdates: Sendable {
    let store: any ClaimQueries
    let tenantDirectory: any TenantDirectoryStore
    let rules: WorkflowRules
    let clock: Clock
    let outboxWakeUp: OutboxWakeUp

    /// A new draft from `form`, checked against the tenant directory.
    @discardableResult
    func createDraft(_ form: ClaimForm, by actor: Actor) throws -> Transition {
        let now = clock.now()
        let directory = try directory(for: form)
        return try store.create { id in try Claim.draft(id: id, form: form, by: actor, at: now, directory: directory) }
    }

    /// Applies `actions` one after another in one transaction, as one change to the claim, after
    /// checking the claim is still at `version` (nil: whatever changed since, for changes that only
    /// add, like a comment). `beforeCommit` runs once the domain has accepted everything and before
    /// the change commits (to store uploaded bytes), so a refusal leaves nothing behind. (Should the
    /// claim change in between and the domain then refuse, the bytes stay, under their digest,
    /// named by no row; see `ClaimStore.update`.)
    @discardableResult
    func perform(_ actions: [ClaimAction], on id: ClaimID, version: Int?, by actor: Actor,
                 beforeCommit: () throws -> Void = {}) throws -> Transition {
        let now = clock.now()
        let transition = try store.update(id, expectedVersion: version) { claim, others in
            let directory = try self.directory(consultedBy: actions, on: claim)
            var current = claim
            var others = others
            var history: [HistoryEntry] = []
            var emails: [OutgoingEmail] = []
            var changedOthers: [ClaimID: Claim] = [:]
            for action in actions {
                let step = try current.applying(action, by: actor, at: now, rules: rules, claimsOnSameTenant: others,
                                                directory: directory)
                current = step.claim
                history += step.history
                emails += step.emails
                // An approval may change other claims on the tenant; later actions see them as changed.
                for other in step.otherClaims {
                    changedOthers[other.id] = other
                    others = others.map { $0.id == other.id ? other : $0 }
                }
            }
            return Transition(claim: current, history: history, emails: emails,
                              otherClaims: others.filter { changedOthers[$0.id] != nil })
        } beforeCommit: {
            try beforeCommit()
        }
        if !transition.emails.isEmpty { outboxWakeUp.signal() }
        return transition
    }

    /// The directory's entry for the tenant a claim form names (`.notLoaded` when there is no directory).
    func directory(for form: ClaimForm) throws -> TenantDirectory {
        try tenantDirectory.directory(for: [TenantID(parsing: form.tenantID)].compactMap { $0 })
    }

    /// What the tenant directory finds wrong with a draft now: the pages that say what still stops
    /// a submission list it, before the partner tries.
    func directoryDisagreements(of claim: Claim) throws -> FieldErrors {
        guard claim.state == .draft, let tenant = claim.details.customer.tenantID else { return FieldErrors([:]) }
        return claim.details.directoryDisagreements(in: try tenantDirectory.directory(for: [tenant]))
    }

    /// The entries the domain consults for `actions`: the tenant an edit names, and the tenant of a
    /// claim being submitted. Other actions never look at the directory.
    private func directory(consultedBy actions: [ClaimAction], on claim: Claim) throws -> TenantDirectory {
        guard actions.contains(where: { $0.kind == .edit || $0.kind == .submit }) else { return .notLoaded }
        var tenants: [TenantID] = []
        for action in actions {
            switch action {
            case .edit(let form): tenants += [TenantID(parsing: form.tenantID)].compactMap { $0 }
            case .submit: tenants += [claim.details.customer.tenantID].compactMap { $0 }
            default: continue
            }
        }
        return try tenantDirectory.directory(for: tenants)
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
    /// so another organization's claim is never confirmed. Without `comments` its thread is left
    /// out (see `ClaimStore.claimWithoutComments`), for every page that does not show it.
    func visibleClaim(_ id: ClaimID, to actor: Actor, comments: Bool = true) throws -> Claim {
        let claim = comments ? try store.claim(id) : try store.claimWithoutComments(id)
        guard let claim, claim.isVisible(to: actor) else { throw HTTPError.notFound }
        return claim
    }
}
