import Foundation

extension Claim {
    /// May `actor` take an action of `kind` on this claim at `now`, and if not, why.
    ///
    /// Every check that does not need the action's payload lives here, once; `applying` asks this
    /// first and then checks only the payload. In this order, so the refusal names the first thing
    /// the actor can do something about: who may take the action at all, whether the claim is their
    /// organization's, whether its state allows it, whether the partner's response deadline has
    /// already passed, then the kind's own rules (the assigned reviewer decides, a dispute needs a
    /// disputable rejection inside its window, the customer denies while the policy lets them, a
    /// timer runs when due, approval waits for competing claims it does not take over).
    ///
    /// What the claim itself must contain to be submitted or resubmitted is checked with the action,
    /// like a payload: the partner is offered Submit and told what is missing.
    ///
    /// - Parameters:
    ///   - rules: the policy decides how long the customer may decline (the 2023 edition keeps the
    ///     consent link valid after the window).
    ///   - claimsOnSameTenant: the other claims on this claim's tenant; approval is refused while
    ///     one holds a workload of this claim that approving would not take over (see
    ///     `blockingConflicts(among:)`). Left empty, that is not checked.
    public func availability(
        of kind: ActionKind,
        for actor: Actor,
        at now: Date,
        rules: WorkflowRules,
        claimsOnSameTenant: [Claim] = []
    ) -> Availability {
        refusal(of: kind, for: actor, at: now, policy: rules.policy, claimsOnSameTenant: claimsOnSameTenant)
            .map(Availability.refused) ?? .allowed
    }

    /// The kinds of action `actor` may take now, in `ActionKind.allCases` order.
    public func availableActions(for actor: Actor, at now: Date, rules: WorkflowRules, claimsOnSameTenant: [Claim] = []) -> [ActionKind] {
        ActionKind.allCases.filter {
            availability(of: $0, for: actor, at: now, rules: rules, claimsOnSameTenant: claimsOnSameTenant).isAllowed
        }
    }

    private func refusal(of kind: ActionKind, for actor: Actor, at now: Date, policy: Policy,
                         claimsOnSameTenant others: [Claim]) -> ClaimError? {
        guard kind.allowedActors.contains(actor.kind) else {
            return .notAllowedForActor(action: kind, actor: actor.kind)
        }
        if case .partner(let user) = actor, user.organization != organization {
            return .otherOrganization(claim: id)
        }
        guard kind.allowedStates(for: actor.kind).contains(state) else {
            return .wrongState(action: kind, state: state, claim: id)
        }
        // Until the system runs the lapse, the claim still sits in Partner action required;
        // the partner must not be able to slip a response in after the deadline.
        if actor.kind == .partner, state == .partnerActionRequired, let request = partnerAction, now >= request.respondBy {
            return .windowClosed(.partnerResponse, closedAt: request.respondBy)
        }
        switch kind {
        case .approve:
            return assignedReviewerRefusal(of: actor) ?? conflictRefusal(among: others)
        case .reject, .requestPartnerAction:
            return assignedReviewerRefusal(of: actor)
        case .denyConsent:
            return consentRefusal(at: now, policy: policy)
        case .dispute:
            return disputeRefusal(at: now)
        case .partnerResponseLapsed, .consentWindowClosed, .disputeWindowClosed, .partnerReminder:
            return timerRefusal(kind, at: now)
        case .edit, .addProofOfExecution, .addComment, .submit, .startReview, .reassign, .resubmit,
             .requestRejection, .disassociate, .decideDispute:
            return nil
        }
    }

    /// Decisions in review belong to the assigned reviewer; another reviewer takes the claim over first.
    private func assignedReviewerRefusal(of actor: Actor) -> ClaimError? {
        guard case .reviewer(let reviewer) = actor, let assignee = review.assignedReviewer, assignee != reviewer else { return nil }
        return .notAssignedReviewer(assignee: assignee)
    }

    /// Approval waits until no other claim holds any of this claim's workloads, except approved
    /// associations it would take over (see `replaces(_:)`).
    func conflictRefusal(among others: [Claim]) -> ClaimError? {
        let open = blockingConflicts(among: others)
        return open.isEmpty ? nil : .unresolvedConflict(claim: id, competing: open.map(\.other))
    }

    /// A timer takes effect once its deadline has passed, and only the one due (see `dueTimer(at:)`).
    private func timerRefusal(_ kind: ActionKind, at now: Date) -> ClaimError? {
        guard let timer = kind.systemTimer, dueTimer(at: now) != timer else { return nil }
        return .timerNotDue(timer)
    }

    private func consentRefusal(at now: Date, policy: Policy) -> ClaimError? {
        guard let approval else { return .invalidConsentToken }
        return consentStanding(at: now, policy: policy).isOpen ? nil : .windowClosed(.consentWindow, closedAt: approval.consentWindow.closesAt)
    }

    private func disputeRefusal(at now: Date) -> ClaimError? {
        switch disputeStanding(at: now) {
        case .open: nil
        case .alreadyDisputed: .alreadyDisputed(claim: id)
        case .notRejected, .notDisputable: .notDisputable(reasons: rejection?.reasons ?? [])
        case .windowClosed(let closedAt): .windowClosed(.disputeWindow, closedAt: closedAt)
        }
    }
}
