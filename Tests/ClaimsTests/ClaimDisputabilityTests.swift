import Foundation
import Testing
@testable import Claims

struct ClaimDisputabilityTests {
    @Test func aReviewersRejectionIsDisputableUntilTheWindowCloses() {
        let rejected = Fixtures.claim(in: .rejected)
        let closesAt = Fixtures.local("2026-04-04 00:00")
        #expect(rejected.isDisputable(at: Fixtures.now))
        #expect(rejected.isDisputable(at: closesAt.addingTimeInterval(-1)))
        #expect(!rejected.isDisputable(at: closesAt))
    }

    @Test func nothingElseIsDisputable() {
        for state in ClaimState.allCases where state != .rejected {
            #expect(!Fixtures.claim(in: state).isDisputable(at: Fixtures.now), "\(state)")
        }
        var denied = Fixtures.claim(in: .rejected)
        denied.rejection = Rejection(rejectedAt: Fixtures.decided, rejectedBy: .customer, reasons: [.customerRejection],
                                     comment: "", disputeWindow: nil)
        #expect(!denied.isDisputable(at: Fixtures.now))
        var disputedBefore = Fixtures.claim(in: .disputed)
        disputedBefore.state = .rejected
        #expect(!disputedBefore.isDisputable(at: Fixtures.now))
    }

    // MARK: standing

    static let closesAt = Fixtures.local("2026-04-04 00:00")

    @Test func theWindowIsOpenFromTheRejectionUntilItsClosingInstant() {
        let rejected = Fixtures.claim(in: .rejected)
        let opensAt = Fixtures.decided
        #expect(rejected.disputeStanding(at: opensAt) == .open(closesAt: Self.closesAt))
        #expect(rejected.disputeStanding(at: Self.closesAt.addingTimeInterval(-1)) == .open(closesAt: Self.closesAt))
        #expect(rejected.disputeStanding(at: Self.closesAt) == .windowClosed(closedAt: Self.closesAt))
        #expect(rejected.disputeStanding(at: opensAt.addingTimeInterval(-1)) == .windowClosed(closedAt: Self.closesAt))
        #expect(rejected.disputeStanding(at: Fixtures.now).messageKey == nil)
        #expect(rejected.disputeStanding(at: Self.closesAt).messageKey == "partner.dispute.closed.window")
    }

    @Test func aClaimRejectedForGoodByTheSweepReadsAsClosedWhenEverAsked() throws {
        let final = try #require(Fixtures.claim(in: .rejected).firingDueTimers(at: Fixtures.local("2026-05-01 00:00"), rules: Fixtures.rules)).claim
        #expect(final.state == .rejectedFinal)
        #expect(final.disputeStanding(at: Fixtures.now) == .windowClosed(closedAt: Self.closesAt))
    }

    @Test func aClaimNeverRejectedIsNotDisputable() {
        for state in [ClaimState.draft, .submitted, .inReview, .partnerActionRequired, .approved] {
            let standing = Fixtures.claim(in: state).disputeStanding(at: Fixtures.now)
            #expect(standing == .notRejected, "\(state)")
            #expect(standing.messageKey == "partner.dispute.closed.not_rejected")
        }
    }

    @Test func aDisputeOnRecordComesFirst() throws {
        let disputed = Fixtures.claim(in: .disputed)
        #expect(disputed.disputeStanding(at: Fixtures.now) == .alreadyDisputed)
        let upheld = try disputed.applying(.decideDispute(.uphold, comment: ""), by: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules).claim
        #expect(upheld.disputeStanding(at: Fixtures.now) == .alreadyDisputed)
        #expect(upheld.disputeStanding(at: Fixtures.now).messageKey == "partner.dispute.closed.already")
    }

    @Test func thePartnersOwnRequestAndTheCustomersDenialAreNotDisputable() throws {
        let withdrawn = Fixtures.claim(in: .rejectedFinal)
        #expect(withdrawn.disputeStanding(at: Fixtures.now) == .notDisputable)
        #expect(withdrawn.disputeStanding(at: Fixtures.now).messageKey == "partner.dispute.closed.not_disputable")
        let approved = Fixtures.claim(in: .approved)
        let denied = try approved.applying(.denyConsent(token: Fixtures.consentToken, reason: ""), by: .customer, at: Fixtures.now, rules: Fixtures.rules).claim
        #expect(denied.disputeStanding(at: Fixtures.now) == .notDisputable)
    }

    @Test func aNewClaimIsTheWayOnceTheRejectionIsSettled() throws {
        let rejected = Fixtures.claim(in: .rejected)
        #expect(!rejected.mayStartNewClaimFromIt(at: Fixtures.now))
        #expect(!rejected.mayStartNewClaimFromIt(at: Self.closesAt.addingTimeInterval(-1)))
        // The window closed and the sweep has not run yet: no dispute is left to make.
        #expect(rejected.mayStartNewClaimFromIt(at: Self.closesAt))
        #expect(Fixtures.claim(in: .rejectedFinal).mayStartNewClaimFromIt(at: Fixtures.now))
        var disputedBefore = Fixtures.claim(in: .disputed)
        disputedBefore.state = .rejected
        #expect(disputedBefore.mayStartNewClaimFromIt(at: Fixtures.now))
        for state in [ClaimState.draft, .submitted, .inReview, .partnerActionRequired, .approved, .disputed] {
            #expect(!Fixtures.claim(in: state).mayStartNewClaimFromIt(at: Fixtures.now), "\(state)")
        }
    }
}
