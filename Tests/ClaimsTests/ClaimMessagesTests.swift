import Foundation
import Testing
@testable import Claims

struct ClaimMessagesTests {
    @Test func keysAreStableAndWellFormed() {
        let keys = ClaimMessages.allMessageKeys
        #expect(keys.isSuperset(of: ["state.partner_action_required", "reason.rejection.insufficient_poe", "error.claim.wrong_state", "role.billing_admin"]))
        for key in keys {
            #expect(key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "." }, "\(key)")
        }
    }

    @Test func everyErrorIsListed() {
        let keys = ClaimMessages.allMessageKeys
        let errors: [ClaimError] = [
            .wrongState(action: .approve, state: .draft, claim: ClaimID("C-1")), .invalidConsentToken,
            .duplicateClaim(existing: ClaimID("C-2"), products: [.teams]), .windowClosed(.consentWindow, closedAt: Fixtures.now),
        ]
        for error in errors { #expect(keys.contains(error.messageKey)) }
        for issue in [FieldIssue.required, .notEditable(.approved), .productsOutsideSolutionArea([.teams])] {
            #expect(keys.contains(issue.messageKey))
        }
        #expect(keys.isSuperset(of: ClaimError.Code.allCases.map { "error.claim.\($0.rawValue)" }))
        #expect(keys.isSuperset(of: FieldIssue.Code.allCases.map { "error.field.\($0.rawValue)" }))
    }

    /// Every refusal the transition table can produce has a catalog entry.
    @Test func everyRefusalInTheTableIsListed() {
        let keys = ClaimMessages.allMessageKeys
        for state in ClaimState.allCases {
            let claim = ClaimTransitionTests.fixtures[state]!
            for kind in ActionKind.allCases {
                for actor in ClaimTransitionTests.TestActor.allCases {
                    do {
                        _ = try claim.applying(ClaimTransitionTests.action(kind), by: actor.actor, at: Fixtures.now, rules: Fixtures.rules)
                    } catch {
                        #expect(keys.contains(error.messageKey))
                    }
                }
            }
        }
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
