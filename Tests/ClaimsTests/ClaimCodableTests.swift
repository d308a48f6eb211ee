import Foundation
import Testing
@testable import Claims

/// A store persists claims; what it writes must read back identical.
struct ClaimCodableTests {
    @Test(arguments: ClaimState.allCases)
    func claimsRoundTrip(state: ClaimState) throws {
        let claim = Fixtures.claim(in: state)
        let data = try JSONEncoder().encode(claim)
        #expect(try JSONDecoder().decode(Claim.self, from: data) == claim)
    }

    @Test func historyRoundTrips() throws {
        let transition = try Fixtures.claim(in: .inReview).applying(.approve, by: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules)
        let data = try JSONEncoder().encode(transition.history)
        #expect(try JSONDecoder().decode([HistoryEntry].self, from: data) == transition.history)
        let emails = try JSONEncoder().encode(transition.emails)
        #expect(try JSONDecoder().decode([OutgoingEmail].self, from: emails) == transition.emails)
    }

    @Test func storedRawValuesAreStable() {
        #expect(ClaimState.allCases.map(\.rawValue) == ["draft", "submitted", "in_review", "partner_action_required", "approved", "rejected", "disputed", "rejected_final", "ended"])
        #expect(RejectionReason.noPartnerResponse.rawValue == "no_partner_response")
        #expect(Role.allCases.map(\.rawValue) == ["global_admin", "incentives_admin", "billing_admin", "reviewer"])
    }

    @Test func aPolicyWithAZeroWindowIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Policy.self, from: Data(#"{"consentWindowCalendarDays": 0}"#.utf8))
        }
        #expect(throws: Never.self) {
            try JSONDecoder().decode(Policy.self, from: Data(#"{"reminderLeadBusinessDays": 0}"#.utf8))
        }
    }
}
