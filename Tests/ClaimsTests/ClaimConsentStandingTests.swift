import Foundation
import Testing
@testable import Claims

struct ClaimConsentStandingTests {
    let rules = Fixtures.rules
    /// Approved Wednesday 4 March 11:00; seven calendar days end with Wednesday 11 March.
    let closesAt = Fixtures.local("2026-03-12 00:00")

    @Test func theCustomerMayDenyFromApprovalUntilTheWindowCloses() {
        let approved = Fixtures.claim(in: .approved)
        #expect(approved.consentStanding(at: Fixtures.decided) == .open(closesAt: closesAt))
        #expect(approved.consentStanding(at: closesAt.addingTimeInterval(-1)) == .open(closesAt: closesAt))
        #expect(approved.consentStanding(at: closesAt).isOpen == false)
        // Before the sweep sends the claim for incentive evaluation, the window has closed all the same.
        #expect(approved.consentStanding(at: closesAt) == .windowClosed(closedAt: closesAt))
    }

    @Test func onceSentForIncentiveEvaluationTheAssociationStands() throws {
        let sent = try #require(Fixtures.claim(in: .approved).firingDueTimers(at: Fixtures.local("2026-03-20 09:00"), rules: rules)).claim
        #expect(sent.approval?.isSentForIncentiveEvaluation == true)
        #expect(sent.consentStanding(at: Fixtures.now) == .windowClosed(closedAt: closesAt))
    }

    @Test func aDenialIsRememberedWithItsDate() throws {
        let deniedAt = Fixtures.local("2026-03-06 17:30")
        let denied = try Fixtures.claim(in: .approved)
            .applying(.denyConsent(token: Fixtures.consentToken, reason: "Not them"), by: .customer, at: deniedAt, rules: rules).claim
        #expect(denied.consentStanding(at: Fixtures.local("2026-03-20 09:00")) == .denied(at: deniedAt))
    }

    @Test func nothingWaitsForTheCustomerOtherwise() throws {
        for state in ClaimState.allCases where state != .approved {
            #expect(Fixtures.claim(in: state).consentStanding(at: Fixtures.now) == .ended, "\(state)")
        }
        let disassociated = try Fixtures.claim(in: .approved)
            .applying(.disassociate(reason: "Customer changed plans"), by: Fixtures.partner, at: Fixtures.now, rules: rules).claim
        #expect(disassociated.approval != nil)
        #expect(disassociated.consentStanding(at: Fixtures.now) == .ended)
    }
}
