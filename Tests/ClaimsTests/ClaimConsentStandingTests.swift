import Foundation
import Testing
@testable import Claims

struct ClaimConsentStandingTests {
    let rules = Fixtures.rules
    /// Approved Wednesday 4 March 11:00; seven calendar days end with Wednesday 11 March.
    let closesAt = Fixtures.local("2026-03-12 00:00")

    @Test func theCustomerMayDenyFromApprovalUntilTheWindowCloses() {
        let approved = Fixtures.claim(in: .approved)
        #expect(approved.consentStanding(at: Fixtures.decided, policy: .standard) == .open(closesAt: closesAt))
        #expect(approved.consentStanding(at: closesAt.addingTimeInterval(-1), policy: .standard) == .open(closesAt: closesAt))
        #expect(approved.consentStanding(at: closesAt, policy: .standard).isOpen == false)
        // Before the sweep sends the claim for incentive evaluation, the window has closed all the same.
        #expect(approved.consentStanding(at: closesAt, policy: .standard) == .windowClosed(closedAt: closesAt))
    }

    @Test func onceSentForIncentiveEvaluationTheAssociationStands() throws {
        let sent = try #require(Fixtures.claim(in: .approved).firingDueTimers(at: Fixtures.local("2026-03-20 09:00"), rules: rules)).claim
        #expect(sent.approval?.isSentForIncentiveEvaluation == true)
        #expect(sent.consentStanding(at: Fixtures.now, policy: .standard) == .windowClosed(closedAt: closesAt))
    }

    @Test func aDenialIsRememberedWithItsDate() throws {
        let deniedAt = Fixtures.local("2026-03-06 17:30")
        let denied = try Fixtures.claim(in: .approved)
            .applying(.denyConsent(token: Fixtures.consentToken, reason: "Not them"), by: .customer, at: deniedAt, rules: rules).claim
        #expect(denied.consentStanding(at: Fixtures.local("2026-03-20 09:00"), policy: .standard) == .denied(at: deniedAt))
    }

    @Test func nothingWaitsForTheCustomerOtherwise() throws {
        for state in ClaimState.allCases where state != .approved && state != .ended {
            #expect(Fixtures.claim(in: state).consentStanding(at: Fixtures.now, policy: .standard) == .ended, "\(state)")
        }
        let disassociated = try Fixtures.claim(in: .approved)
            .applying(.disassociate(reason: "Customer changed plans"), by: Fixtures.partner, at: Fixtures.now, rules: rules).claim
        #expect(disassociated.approval != nil)
        #expect(disassociated.consentStanding(at: Fixtures.now, policy: .standard) == .ended)
    }

    // MARK: the 2023 edition: the customer may decline at any time

    @Test func underThe2023EditionTheCustomerMayDeclineAtAnyTime() throws {
        let approved = Fixtures.claim(in: .approved)
        let policy = Policy.edition2023
        #expect(approved.consentStanding(at: Fixtures.decided, policy: policy) == .openAtAnyTime(windowClosesAt: closesAt))
        #expect(approved.consentStanding(at: closesAt.addingTimeInterval(-1), policy: policy) == .openAtAnyTime(windowClosesAt: closesAt))
        // Once the window closed the association stands, sent or not yet swept, and may still be declined.
        #expect(approved.consentStanding(at: closesAt, policy: policy) == .openAfterEvaluation(sentAt: closesAt))
        let sent = try #require(approved.firingDueTimers(at: Fixtures.local("2026-03-20 09:00"), rules: Fixtures.rules2023)).claim
        #expect(sent.consentStanding(at: Fixtures.local("2027-03-20 09:00"), policy: policy) == .openAfterEvaluation(sentAt: closesAt))
        #expect(sent.consentStanding(at: Fixtures.local("2027-03-20 09:00"), policy: policy).declineEndsTheAssociation)
        #expect(!approved.consentStanding(at: Fixtures.decided, policy: policy).declineEndsTheAssociation)
    }

    @Test func aDeclineAfterTheWindowIsRememberedWithItsDate() {
        let ended = Fixtures.claim(in: .ended)
        for policy in [Policy.standard, .edition2023] {
            #expect(ended.consentStanding(at: Fixtures.local("2026-04-01 09:00"), policy: policy)
                == .endedByCustomer(at: Fixtures.afterConsentWindow))
        }
    }
}
