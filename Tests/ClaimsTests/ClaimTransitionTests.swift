import Foundation
import Testing
@testable import Claims

/// Every (state × action × actor) combination, with the outcome the workflow document implies.
/// The expectations are written out here independently of the implementation's permission
/// tables, and the combinations come from `CaseIterable`, so a new state, action or actor
/// fails to compile (exhaustive switches) or shows up as a new row.
struct ClaimTransitionTests {
    /// Actors as the table distinguishes them: every partner role, a partner of another
    /// organization, and the non-partner actors.
    enum TestActor: CaseIterable {
        case globalAdmin, incentivesAdmin, billingAdmin, otherOrganizationAdmin, reviewer, customer, system

        var actor: Actor {
            switch self {
            case .globalAdmin: .partner(PartnerUser(id: UserID("g"), role: .globalAdmin, organization: Fixtures.organization))
            case .incentivesAdmin: Fixtures.partner
            case .billingAdmin: .partner(PartnerUser(id: UserID("b"), role: .billingAdmin, organization: Fixtures.organization))
            case .otherOrganizationAdmin: Fixtures.rival
            case .reviewer: Fixtures.reviewer
            case .customer: .customer
            case .system: .system
            }
        }

        var kind: ActorKind { actor.kind }
    }

    enum Outcome: Equatable, CustomStringConvertible {
        case moved(to: ClaimState)
        case refused(messageKey: String)

        var description: String {
            switch self {
            case .moved(let state): "→ \(state.rawValue)"
            case .refused(let key): "refused \(key)"
            }
        }
    }

    /// Who may take an action, and from which state it leads to which.
    static func rule(_ action: ActionKind, for actor: ActorKind) -> (actors: Set<ActorKind>, moves: [ClaimState: ClaimState]) {
        let stays: ([ClaimState]) -> [ClaimState: ClaimState] = { Dictionary(uniqueKeysWithValues: $0.map { ($0, $0) }) }
        switch action {
        case .edit:
            return ([.partner], stays([.draft, .submitted, .partnerActionRequired]))
        case .addProofOfExecution:
            // Fresh PoE on an approved association shows ongoing work (July 2020 update).
            return ([.partner], stays([.draft, .submitted, .partnerActionRequired, .approved]))
        case .addComment:
            return ([.partner, .reviewer], actor == .reviewer
                ? stays([.submitted, .inReview, .partnerActionRequired, .approved, .rejected, .disputed, .rejectedFinal, .ended])
                : stays([.draft, .submitted, .inReview, .partnerActionRequired]))
        case .submit: return ([.partner], [.draft: .submitted])
        case .startReview: return ([.reviewer], [.submitted: .inReview])
        case .reassign: return ([.reviewer], stays([.inReview, .partnerActionRequired, .disputed]))
        case .approve: return ([.reviewer], [.inReview: .approved])
        case .reject: return ([.reviewer], [.inReview: .rejected])
        case .requestPartnerAction: return ([.reviewer], [.inReview: .partnerActionRequired])
        case .resubmit: return ([.partner], [.partnerActionRequired: .inReview])
        case .requestRejection:
            return ([.partner], [.submitted: .rejectedFinal, .inReview: .rejectedFinal, .partnerActionRequired: .rejectedFinal])
        case .disassociate: return ([.partner], [.approved: .rejectedFinal])
        case .denyConsent: return ([.customer], [.approved: .rejectedFinal])
        case .dispute: return ([.partner], [.rejected: .disputed])
        case .decideDispute: return ([.reviewer], [.disputed: .rejectedFinal]) // the table upholds
        case .partnerResponseLapsed: return ([.system], [.partnerActionRequired: .rejected])
        case .consentWindowClosed: return ([.system], [.approved: .approved])
        case .disputeWindowClosed: return ([.system], [.rejected: .rejectedFinal])
        case .partnerReminder: return ([.system], stays([.partnerActionRequired, .rejected]))
        }
    }

    static func expected(_ state: ClaimState, _ action: ActionKind, _ actor: TestActor) -> Outcome {
        let rule = rule(action, for: actor.kind)
        guard rule.actors.contains(actor.kind) else { return .refused(messageKey: "error.claim.not_allowed_for_actor") }
        if actor == .otherOrganizationAdmin { return .refused(messageKey: "error.claim.other_organization") }
        guard let next = rule.moves[state] else { return .refused(messageKey: "error.claim.wrong_state") }
        return .moved(to: next)
    }

    /// A typical, valid payload for each action kind.
    static func action(_ kind: ActionKind) -> ClaimAction {
        switch kind {
        case .edit:
            var form = Fixtures.completeForm
            form.partnerLocationID = "7654321"
            return .edit(form)
        case .addProofOfExecution: return .addProofOfExecution(Fixtures.upload("poe-new"))
        case .addComment: return .addComment("Any news?")
        case .submit: return .submit
        case .startReview: return .startReview
        case .reassign: return .reassign(to: UserID("rev-2"))
        case .approve: return .approve
        case .reject: return .reject(reasons: [.missingProducts], comment: "")
        case .requestPartnerAction: return .requestPartnerAction(reasons: [.missingOrOutdatedDates], comment: "Dates?", productsToRemove: [])
        case .resubmit: return .resubmit(comment: "Dates added")
        case .requestRejection: return .requestRejection(reason: "Customer changed plans")
        case .disassociate: return .disassociate(reason: "Customer changed plans")
        case .denyConsent: return .denyConsent(token: Fixtures.consentToken, reason: "")
        case .dispute: return .dispute(justification: "Signed PoE attached", evidence: [])
        case .decideDispute: return .decideDispute(.uphold, comment: "")
        case .partnerResponseLapsed: return .timer(.partnerResponseLapsed)
        case .consentWindowClosed: return .timer(.consentWindowClosed)
        case .disputeWindowClosed: return .timer(.disputeWindowClosed)
        case .partnerReminder: return .timer(.partnerReminder)
        }
    }

    /// Timers run once their deadline has passed: reminders at their due time, the others long after.
    static func time(for kind: ActionKind, on claim: Claim) -> Date {
        switch kind {
        case .partnerReminder: claim.nextTimerDue ?? Fixtures.now
        case .partnerResponseLapsed, .consentWindowClosed, .disputeWindowClosed: Fixtures.local("2026-09-01 12:00")
        default: Fixtures.now
        }
    }

    static let fixtures = Dictionary(uniqueKeysWithValues: ClaimState.allCases.map { ($0, Fixtures.claim(in: $0)) })

    @Test(arguments: ClaimState.allCases, ActionKind.allCases)
    func everyActorInEveryState(state: ClaimState, action: ActionKind) {
        let claim = Self.fixtures[state]!
        #expect(claim.state == state)
        for actor in TestActor.allCases {
            let outcome: Outcome
            do {
                let transition = try claim.applying(Self.action(action), by: actor.actor, at: Self.time(for: action, on: claim), rules: Fixtures.rules)
                outcome = .moved(to: transition.claim.state)
                #expect(transition.claim.version == claim.version + 1, "\(actor) \(action) in \(state) changed nothing")
                #expect(!transition.history.isEmpty)
            } catch {
                outcome = .refused(messageKey: error.messageKey)
            }
            #expect(outcome == Self.expected(state, action, actor), "\(actor) \(action.rawValue) in \(state.rawValue)")
        }
    }

    @Test func creatingIsForPartnersOnly() throws {
        for actor in TestActor.allCases {
            let result = Result { () throws(ClaimError) in try Claim.draft(id: ClaimID("C-9"), form: Fixtures.completeForm, by: actor.actor, at: Fixtures.created) }
            switch (actor.kind, result) {
            case (.partner, .success(let transition)):
                #expect(transition.claim.state == .draft)
                #expect(transition.claim.version == 1)
                #expect(transition.claim.organization == (actor == .otherOrganizationAdmin ? Fixtures.otherOrganization : Fixtures.organization))
            case (_, .failure(let error)):
                #expect(actor.kind != .partner)
                #expect(error == .creationNotAllowed(actor: actor.kind))
            case (_, .success):
                Issue.record("\(actor) created a claim")
            }
        }
    }
}
