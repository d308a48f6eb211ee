import Foundation
import Testing
@testable import Claims

struct MessageKeyTests {
    @Test func keysAreStableAndWellFormed() {
        let keys = ClaimMessages.allMessageKeys
        #expect(keys.isSuperset(of: ["state.partner_action_required", "reason.rejection.insufficient_poe", "error.claim.wrong_state", "role.billing_admin"]))
        for key in keys {
            #expect(key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "." }, "\(key)")
        }
    }

    @Test func everyErrorTheTableProducesIsListed() {
        let keys = ClaimMessages.allMessageKeys
        for error in ClaimError.samples { #expect(keys.contains(error.messageKey)) }
        for issue in FieldIssue.samples { #expect(keys.contains(issue.messageKey)) }
        #expect(Set(ClaimError.samples.map(\.messageKey)).count == ClaimError.samples.count, "two errors share a key")
    }

    @Test func errorsCarryWhatTheMessageNeeds() {
        let error = ClaimError.wrongState(action: .approve, state: .draft, claim: ClaimID("C-123"))
        #expect(error.messageArguments == ["action": "action.approve", "state": "state.draft", "claim": "C-123"])
        #expect(error.description == "error.claim.wrong_state action=action.approve claim=C-123 state=state.draft")
        let closed = ClaimError.windowClosed(.disputeWindow, closedAt: Fixtures.utc("2026-04-03T22:00:00Z"))
        #expect(closed.messageArguments == ["window": "deadline.dispute_window", "closed_at": "2026-04-03T22:00:00Z"])
    }

    @Test func historyAndEmailsAreKeyed() {
        let keys = ClaimMessages.allMessageKeys
        let transitions = ClaimState.allCases.map { Fixtures.claim(in: $0) }
        for claim in transitions { #expect(keys.contains(claim.statusMessageKey)) }
        for kind in EmailKind.allCases { #expect(keys.contains(kind.messageKey)) }
        for kind in HistoryKind.allCases { #expect(keys.contains(kind.messageKey)) }
    }
}
