import Foundation
import Testing
@testable import Claims

/// The customer's decline under each policy, at each moment of an approval's life: inside the
/// consent window, after it closed but before the sweep sent the association on, and after.
struct ClaimDeclineTests {
    enum Moment: CaseIterable {
        case inWindow, afterWindowBeforeSweep, afterSweep
    }

    enum Outcome: Equatable {
        case moved(to: ClaimState, email: EmailKind)
        case refused(ClaimError)
    }

    static let closesAt = Fixtures.local("2026-03-12 00:00")

    static func expected(_ moment: Moment, policy: Policy) -> Outcome {
        switch (moment, policy.customerMayDeclineAtAnyTime) {
        case (.inWindow, _): .moved(to: .rejectedFinal, email: .rejection)
        case (_, true): .moved(to: .ended, email: .endedByCustomer)
        case (_, false): .refused(.windowClosed(.consentWindow, closedAt: closesAt))
        }
    }

    static func claim(at moment: Moment, rules: WorkflowRules) -> (Claim, Date) {
        let approved = Fixtures.claim(in: .approved)
        switch moment {
        case .inWindow: return (approved, Fixtures.now)
        case .afterWindowBeforeSweep: return (approved, Fixtures.afterConsentWindow)
        case .afterSweep:
            let sent = approved.firingDueTimers(at: Fixtures.afterConsentWindow, rules: rules)!.claim
            return (sent, Fixtures.local("2026-11-20 16:00"))
        }
    }

    @Test(arguments: Moment.allCases, [Policy.standard, .edition2023])
    func theCustomersDecline(moment: Moment, policy: Policy) {
        let rules = WorkflowRules(policy: policy, calendar: Fixtures.madrid, makeConsentToken: { Fixtures.consentToken })
        let (claim, now) = Self.claim(at: moment, rules: rules)
        let outcome: Outcome
        do {
            let transition = try claim.applying(.denyConsent(token: Fixtures.consentToken, reason: "Not our partner any more"),
                                                by: .customer, at: now, rules: rules)
            let emails = transition.emails.map(\.kind)
            #expect(emails.count == 1)
            outcome = .moved(to: transition.claim.state, email: emails.first ?? .approval)
        } catch {
            outcome = .refused(error)
        }
        #expect(outcome == Self.expected(moment, policy: policy), "\(moment) under \(policy.customerMayDeclineAtAnyTime ? "2023" : "standard")")
    }

    @Test func aDeclineAfterTheWindowEndsTheAssociationWithItsDateAndReason() throws {
        let (sent, now) = Self.claim(at: .afterSweep, rules: Fixtures.rules2023)
        let transition = try sent.applying(.denyConsent(token: Fixtures.consentToken, reason: "Not our partner any more"),
                                           by: .customer, at: now, rules: Fixtures.rules2023)
        let ended = transition.claim
        #expect(ended.state == .ended)
        #expect(ended.endCause == .customerDeclined)
        #expect(ended.statusMessageKey == "state.ended.customer_declined")
        #expect(ended.closedAt == now)
        #expect(ended.rejection == nil, "an association that ends is not a rejection")
        let end = try #require(ended.approval?.ends.last)
        #expect(end == AssociationEnd(endedAt: now, endedBy: .customer, cause: .customerDeclined,
                                      products: [.exchangeOnline, .teams], comment: "Not our partner any more"))
        // The sending for incentive evaluation stays on record.
        #expect(ended.approval?.sentForIncentiveEvaluationAt == Self.closesAt)
        #expect(transition.history.map(\.event) == [
            .stateChange(from: .approved, to: .ended, reasons: ["association_end.customer_declined"], comment: "Not our partner any more"),
            .email(.endedByCustomer, recipient: EmailAddress(parsing: "ana@partner.example")!),
        ])
        let email = try #require(transition.emails.first)
        #expect(email.recipient.rawValue == "ana@partner.example")
        #expect(email.parameters["comment"] == "Not our partner any more")
        #expect(email.parameters["ended_at"] == "2026-11-20T15:00:00Z")
    }

    @Test func anEndedAssociationHoldsNothingAndWaitsForNothing() {
        let ended = Fixtures.claim(in: .ended)
        #expect(!ended.state.holdsAssociation)
        #expect(!ended.state.needsPartnerAction)
        #expect(ended.currentDeadline == nil)
        #expect(ended.nextTimerDue == nil)
        #expect(ended.dueTimer(at: Fixtures.local("2027-01-01 00:00")) == nil)
        #expect(ended.mayStartNewClaimFromIt(at: Fixtures.now))
        // Another organization may now claim the customer's workloads without competing with it.
        let rival = Fixtures.apply(Fixtures.draft(id: "C-2", by: Fixtures.rival), .submit, by: Fixtures.rival, at: Fixtures.submitted)
        #expect(rival.conflicts(among: [ended]).isEmpty)
    }

    @Test func theCustomerWhoEndedItCannotDeclineTwice() {
        let ended = Fixtures.claim(in: .ended)
        #expect(throws: ClaimError.wrongState(action: .denyConsent, state: .ended, claim: ended.id)) {
            try ended.applying(.denyConsent(token: Fixtures.consentToken, reason: ""), by: .customer,
                               at: Fixtures.local("2026-04-01 09:00"), rules: Fixtures.rules2023)
        }
    }

    @Test func theConsentRequestSaysWhichRuleApplies() throws {
        let inReview = Fixtures.claim(in: .inReview)
        let standard = try inReview.applying(.approve, by: Fixtures.reviewer, at: Fixtures.decided, rules: Fixtures.rules)
        let edition2023 = try inReview.applying(.approve, by: Fixtures.reviewer, at: Fixtures.decided, rules: Fixtures.rules2023)
        for kind in [EmailKind.consentRequest, .approval] {
            #expect(standard.emails.first { $0.kind == kind }?.parameters["decline_at_any_time"] == nil, "\(kind)")
            #expect(edition2023.emails.first { $0.kind == kind }?.parameters["decline_at_any_time"] == "true", "\(kind)")
        }
    }
}
