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
}
