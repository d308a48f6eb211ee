import Foundation
import Testing
@testable import Claims

/// `availability` is what pages offer; `applying` is what happens. For every state, kind of action,
/// actor and a few instants, the two must agree: allowed exactly when a valid action goes through,
/// and refused with exactly the error the action is refused with.
struct ClaimAvailabilityTests {
    enum TestActor: CaseIterable, CustomStringConvertible {
        case globalAdmin, incentivesAdmin, billingAdmin, otherOrganizationAdmin
        case assignedReviewer, otherReviewer, customer, system

        var actor: Actor {
            switch self {
            case .globalAdmin: .partner(PartnerUser(id: UserID("g"), role: .globalAdmin, organization: Fixtures.organization))
            case .incentivesAdmin: Fixtures.partner
            case .billingAdmin: .partner(PartnerUser(id: UserID("b"), role: .billingAdmin, organization: Fixtures.organization))
            case .otherOrganizationAdmin: Fixtures.rival
            case .assignedReviewer: Fixtures.reviewer
            case .otherReviewer: ClaimAvailabilityTests.otherReviewer
            case .customer: .customer
            case .system: .system
            }
        }

        var description: String { "\(self.actor)" }
    }

    static let otherReviewer = Actor.reviewer(UserID("rev-2"))
    static let late = Fixtures.local("2026-09-01 12:00")

    /// A valid action of each kind. Reassigning goes to a third reviewer, never the assignee.
    static func action(_ kind: ActionKind) -> ClaimAction {
        kind == .reassign ? .reassign(to: UserID("rev-3")) : ClaimTransitionTests.action(kind)
    }

    /// Inside every window the fixtures open, when a reminder is due, and after every window closed.
    static func instants(for claim: Claim) -> [Date] {
        [Fixtures.now, claim.nextTimerDue, late].compactMap { $0 }
    }

    /// Under both policies: the 2023 edition's decline at any time must agree too.
    @Test(arguments: ClaimState.allCases, ActionKind.allCases)
    func availabilityAgreesWithApplying(state: ClaimState, kind: ActionKind) {
        let claim = ClaimTransitionTests.fixtures[state]!
        for rules in [Fixtures.rules, Fixtures.rules2023] {
        for actor in TestActor.allCases {
            for now in Self.instants(for: claim) {
                let availability = claim.availability(of: kind, for: actor.actor, at: now, rules: rules)
                let result = Result { () throws(ClaimError) in
                    try claim.applying(Self.action(kind), by: actor.actor, at: now, rules: rules)
                }
                let row = "\(actor) \(kind.rawValue) in \(state.rawValue) at \(now) under \(rules.policy.customerMayDeclineAtAnyTime ? "2023" : "standard")"
                switch (availability, result) {
                case (.allowed, .success(let transition)):
                    #expect(!transition.isEmpty, "\(row) changed nothing")
                case (.refused(let refusal), .failure(let error)):
                    #expect(refusal == error, "\(row)")
                case (.allowed, .failure(let error)):
                    Issue.record("\(row): allowed, but applying threw \(error)")
                case (.refused(let refusal), .success):
                    Issue.record("\(row): refused with \(refusal), but applying went through")
                }
            }
        }
        }
    }

    /// At the table's usual instants, what is allowed is what the transition table expects, except
    /// that a reviewer who is not assigned cannot decide in review.
    @Test(arguments: ClaimState.allCases, ActionKind.allCases)
    func allowedWhereTheTransitionTableMoves(state: ClaimState, kind: ActionKind) {
        let claim = ClaimTransitionTests.fixtures[state]!
        let now = ClaimTransitionTests.time(for: kind, on: claim)
        for actor in TestActor.allCases {
            let tableActor: ClaimTransitionTests.TestActor = switch actor {
            case .globalAdmin: .globalAdmin
            case .incentivesAdmin: .incentivesAdmin
            case .billingAdmin: .billingAdmin
            case .otherOrganizationAdmin: .otherOrganizationAdmin
            case .assignedReviewer, .otherReviewer: .reviewer
            case .customer: .customer
            case .system: .system
            }
            var expected = ClaimTransitionTests.expected(state, kind, tableActor)
            if actor == .otherReviewer, [.approve, .reject, .requestPartnerAction].contains(kind), case .moved = expected {
                expected = .refused(messageKey: "error.claim.not_assigned_reviewer")
            }
            let availability = claim.availability(of: kind, for: actor.actor, at: now, rules: Fixtures.rules)
            switch (availability, expected) {
            case (.allowed, .moved): break
            case (.refused(let error), .refused(let key)): #expect(error.messageKey == key, "\(actor) \(kind.rawValue) in \(state.rawValue)")
            default: Issue.record("\(actor) \(kind.rawValue) in \(state.rawValue): \(availability), expected \(expected)")
            }
        }
    }

    @Test func approvalIsRefusedWhileACompetingClaimRemains() {
        let inReview = Fixtures.claim(in: .inReview)
        let rival = Fixtures.apply(Fixtures.draft(id: "C-3", by: Fixtures.rival), .submit, by: Fixtures.rival, at: Fixtures.submitted)
        let refusal = ClaimError.unresolvedConflict(claim: inReview.id, competing: [rival.id])
        #expect(inReview.availability(of: .approve, for: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules,
                                      claimsOnSameTenant: [rival]) == .refused(refusal))
        #expect(throws: refusal) {
            try inReview.applying(.approve, by: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules, claimsOnSameTenant: [rival])
        }
        // Only approval waits; the reviewer may still reject or ask for action.
        #expect(inReview.availableActions(for: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules, claimsOnSameTenant: [rival])
            == [.addComment, .reassign, .reject, .requestPartnerAction])
        // The assignee is named before the conflict.
        #expect(inReview.availability(of: .approve, for: Self.otherReviewer, at: Fixtures.now, rules: Fixtures.rules,
                                      claimsOnSameTenant: [rival]) == .refused(.notAssignedReviewer(assignee: Fixtures.reviewerID)))
    }

    @Test func aWrongConsentTokenLearnsNothingAboutTheWindow() throws {
        let approved = Fixtures.claim(in: .approved)
        let closesAt = try #require(approved.approval?.consentWindow.closesAt)
        #expect(approved.availability(of: .denyConsent, for: .customer, at: closesAt, rules: Fixtures.rules)
            == .refused(.windowClosed(.consentWindow, closedAt: closesAt)))
        #expect(throws: ClaimError.invalidConsentToken) {
            try approved.applying(.denyConsent(token: ConsentToken("guess"), reason: ""), by: .customer, at: closesAt, rules: Fixtures.rules)
        }
        #expect(throws: ClaimError.windowClosed(.consentWindow, closedAt: closesAt)) {
            try approved.applying(.denyConsent(token: Fixtures.consentToken, reason: ""), by: .customer, at: closesAt, rules: Fixtures.rules)
        }
    }

    @Test func theConsentDenialIsAvailableExactlyWhileTheStandingIsOpen() throws {
        let approved = Fixtures.claim(in: .approved)
        let window = try #require(approved.approval?.consentWindow)
        let sent = try #require(approved.firingDueTimers(at: window.closesAt, rules: Fixtures.rules)).claim
        for rules in [Fixtures.rules, Fixtures.rules2023] {
            for claim in [approved, sent, Fixtures.claim(in: .ended)] {
                for now in [window.opensAt.addingTimeInterval(-1), window.opensAt, Fixtures.now, window.closesAt.addingTimeInterval(-1),
                            window.closesAt, Self.late] {
                    #expect(claim.availability(of: .denyConsent, for: .customer, at: now, rules: rules).isAllowed
                        == claim.consentStanding(at: now, policy: rules.policy).isOpen)
                }
            }
        }
    }

    @Test func theDisputeIsAvailableExactlyWhileTheStandingIsOpen() {
        let closesAt = Fixtures.local("2026-04-04 00:00")
        for claim in ClaimState.allCases.map({ Fixtures.claim(in: $0) }) {
            for now in [Fixtures.decided, Fixtures.now, closesAt.addingTimeInterval(-1), closesAt] {
                #expect(claim.availability(of: .dispute, for: Fixtures.partner, at: now, rules: Fixtures.rules).isAllowed
                    == claim.disputeStanding(at: now).isOpen, "\(claim.state)")
            }
        }
    }

    // MARK: the list pages show

    func actions(_ state: ClaimState, _ actor: Actor, at now: Date = Fixtures.now) -> [ActionKind] {
        Fixtures.claim(in: state).availableActions(for: actor, at: now, rules: Fixtures.rules)
    }

    @Test func partnersSeeWhatTheyMayDoNow() {
        let partner = Fixtures.partner
        #expect(actions(.draft, partner) == [.edit, .addProofOfExecution, .addComment, .submit])
        #expect(actions(.submitted, partner) == [.edit, .addProofOfExecution, .addComment, .requestRejection])
        #expect(actions(.inReview, partner) == [.addComment, .requestRejection])
        #expect(actions(.partnerActionRequired, partner) == [.edit, .addProofOfExecution, .addComment, .resubmit, .requestRejection])
        #expect(actions(.approved, partner) == [.addProofOfExecution, .disassociate])
        #expect(actions(.rejected, partner) == [.dispute])
        #expect(actions(.disputed, partner) == [])
        #expect(actions(.rejectedFinal, partner) == [])
        #expect(actions(.ended, partner) == [])
        for state in ClaimState.allCases {
            #expect(actions(state, Fixtures.rival) == [], "\(state)")
        }
    }

    @Test func aPartnersWindowClosingTakesItsActionsAway() {
        // Respond by the end of Wednesday 11 March; dispute by the end of Friday 3 April.
        #expect(actions(.partnerActionRequired, Fixtures.partner, at: Fixtures.local("2026-03-12 00:00")) == [])
        #expect(actions(.rejected, Fixtures.partner, at: Fixtures.local("2026-04-04 00:00")) == [])
    }

    @Test func reviewersSeeDecisionsOnlyOnTheirOwnClaims() {
        #expect(actions(.submitted, Fixtures.reviewer) == [.addComment, .startReview])
        #expect(actions(.inReview, Fixtures.reviewer) == [.addComment, .reassign, .approve, .reject, .requestPartnerAction])
        #expect(actions(.inReview, Self.otherReviewer) == [.addComment, .reassign])
        #expect(actions(.partnerActionRequired, Self.otherReviewer) == [.addComment, .reassign])
        #expect(actions(.disputed, Self.otherReviewer) == [.addComment, .reassign, .decideDispute])
        #expect(actions(.draft, Fixtures.reviewer) == [])
        #expect(actions(.rejectedFinal, Fixtures.reviewer) == [.addComment])
        #expect(actions(.ended, Fixtures.reviewer) == [.addComment])
    }

    @Test func theCustomerMayOnlyDenyAndOnlyInTheWindow() {
        #expect(actions(.approved, .customer) == [.denyConsent])
        #expect(actions(.approved, .customer, at: Fixtures.local("2026-03-12 00:00")) == [])
        for state in ClaimState.allCases where state != .approved {
            #expect(actions(state, .customer) == [], "\(state)")
        }
    }

    @Test func theSystemSeesOnlyTheTimerDue() {
        #expect(actions(.partnerActionRequired, .system) == [])
        let waiting = Fixtures.claim(in: .partnerActionRequired)
        let remindAt = waiting.partnerAction?.remindAt ?? Self.late
        #expect(actions(.partnerActionRequired, .system, at: remindAt.addingTimeInterval(-1)) == [])
        #expect(actions(.partnerActionRequired, .system, at: remindAt) == [.partnerReminder])
        #expect(actions(.partnerActionRequired, .system, at: Fixtures.local("2026-03-12 00:00")) == [.partnerResponseLapsed])
        #expect(actions(.approved, .system, at: Fixtures.local("2026-03-12 00:00")) == [.consentWindowClosed])
        #expect(actions(.rejected, .system, at: Fixtures.local("2026-04-02 00:00")) == [.partnerReminder])
        #expect(actions(.rejected, .system, at: Fixtures.local("2026-04-04 00:00")) == [.disputeWindowClosed])
        for state in ClaimState.allCases {
            #expect(actions(state, .system, at: Self.late).allSatisfy { $0.systemTimer != nil }, "\(state)")
        }
    }
}
