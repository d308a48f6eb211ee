import Foundation
import Testing
@testable import Claims

struct ClaimDisputeTests {
    let rules = Fixtures.rules

    @Test func aDisputeCarriesJustificationAndNewEvidence() {
        let disputed = Fixtures.claim(in: .disputed)
        #expect(disputed.dispute?.justification == "The signed page is attached")
        #expect(disputed.dispute?.evidence == [DocumentID("poe-2")])
        #expect(disputed.evidence.map(\.id.rawValue) == ["poe-1", "poe-2"])
        // Answer due five business days after Thursday 5 March: end of Thursday 12 March.
        #expect(disputed.currentDeadline == Deadline(kind: .disputeAnswer, dueAt: Fixtures.local("2026-03-13 00:00")))
    }

    @Test func aDisputeNeedsSomething() {
        let rejected = Fixtures.claim(in: .rejected)
        #expect(throws: ClaimError.disputeNeedsJustificationOrEvidence) {
            try rejected.applying(.dispute(justification: "  ", evidence: []), by: Fixtures.partner, at: Fixtures.now, rules: rules)
        }
        let onlyEvidence = try? rejected.applying(.dispute(justification: "", evidence: [Fixtures.upload("poe-3")]), by: Fixtures.partner, at: Fixtures.now, rules: rules)
        #expect(onlyEvidence?.claim.state == .disputed)
    }

    @Test func aDisputeMustComeWithinTheWindow() {
        let rejected = Fixtures.claim(in: .rejected)
        let closesAt = Fixtures.local("2026-04-04 00:00")
        #expect(throws: ClaimError.windowClosed(.disputeWindow, closedAt: closesAt)) {
            try rejected.applying(.dispute(justification: "Late", evidence: []), by: Fixtures.partner, at: closesAt, rules: rules)
        }
        #expect(throws: Never.self) {
            try rejected.applying(.dispute(justification: "Just in time", evidence: []), by: Fixtures.partner, at: closesAt.addingTimeInterval(-1), rules: rules)
        }
    }

    @Test func aClaimIsDisputedOnceOnly() throws {
        let upheld = try Fixtures.claim(in: .disputed).applying(.decideDispute(.uphold, comment: "PoE still unsigned"), by: Fixtures.reviewer, at: Fixtures.now, rules: rules)
        #expect(upheld.claim.state == .rejectedFinal)
        #expect(upheld.claim.hasBeenDisputed)
        #expect(upheld.emails.map(\.kind) == [.disputeDecision])
        #expect(upheld.emails.first?.parameters["decision"] == "dispute_decision.uphold")
        #expect(upheld.claim.nextTimerDue == nil)

        // Should a disputed claim ever be rejected again, the second dispute is refused.
        var again = Fixtures.claim(in: .disputed)
        again.state = .rejected
        #expect(throws: ClaimError.alreadyDisputed(claim: again.id)) {
            try again.applying(.dispute(justification: "Once more", evidence: []), by: Fixtures.partner, at: Fixtures.now, rules: rules)
        }
    }

    @Test func onlyReviewerAndNoResponseRejectionsCanBeDisputed() {
        var denied = Fixtures.claim(in: .rejected)
        denied.rejection = Rejection(rejectedAt: Fixtures.decided, rejectedBy: .customer, reasons: [.customerRejection], comment: "", disputeWindow: nil)
        #expect(throws: ClaimError.notDisputable(reasons: [.customerRejection])) {
            try denied.applying(.dispute(justification: "But why", evidence: []), by: Fixtures.partner, at: Fixtures.now, rules: rules)
        }
        #expect(RejectionReason.allCases.filter(\.isDisputable) == [.insufficientPoE, .missingCustomerConsentInPoE, .missingProducts, .noPartnerResponse, .poeNotAvailable])
    }

    @Test func reviewersPickOnlyTheirOwnReasons() {
        let inReview = Fixtures.claim(in: .inReview)
        #expect(throws: ClaimError.reasonNotAllowed(.customerRejection)) {
            try inReview.applying(.reject(reasons: [.insufficientPoE, .customerRejection], comment: ""), by: Fixtures.reviewer, at: Fixtures.now, rules: rules)
        }
        #expect(throws: ClaimError.reasonRequired) {
            try inReview.applying(.reject(reasons: [], comment: ""), by: Fixtures.reviewer, at: Fixtures.now, rules: rules)
        }
    }

    @Test func overturningApprovesWithANewConsentWindow() throws {
        let decidedAt = Fixtures.local("2026-03-10 16:00")
        let fresh = WorkflowRules(policy: .standard, calendar: Fixtures.madrid, makeConsentToken: { ConsentToken("second-token") })
        let overturned = try Fixtures.claim(in: .disputed).applying(.decideDispute(.overturn, comment: "Signature found"), by: Fixtures.reviewer, at: decidedAt, rules: fresh)
        let claim = overturned.claim
        #expect(claim.state == .approved)
        #expect(claim.rejection == nil)
        #expect(claim.dispute?.decision == .overturn)
        #expect(claim.approval?.approvedAt == decidedAt)
        #expect(claim.approval?.consentWindow == ConsentWindow(opensAt: decidedAt, closesAt: Fixtures.local("2026-03-18 00:00")))
        #expect(claim.approval?.accepts(ConsentToken("second-token")) == true)
        #expect(claim.nextTimerDue == Fixtures.local("2026-03-18 00:00"))
        #expect(overturned.emails.map(\.kind) == [.consentRequest, .disputeDecision])
        let consent = try #require(overturned.emails.first)
        #expect(consent.recipient.rawValue == "carla@contoso.com")
        #expect(consent.parameters["consent_token"] == "second-token")
        #expect(!overturned.history.contains { $0.messageArguments.values.contains("second-token") })
        // The customer's old link no longer works; the new one does.
        #expect(throws: ClaimError.invalidConsentToken) {
            try claim.applying(.denyConsent(token: Fixtures.consentToken, reason: ""), by: .customer, at: decidedAt, rules: fresh)
        }
        let denied = try claim.applying(.denyConsent(token: ConsentToken("second-token"), reason: "We did this ourselves"), by: .customer, at: decidedAt, rules: fresh)
        #expect(denied.claim.state == .rejectedFinal)
        #expect(denied.claim.rejection?.reasons == [.customerRejection])
    }

    @Test func decisionsInReviewBelongToTheAssignedReviewer() throws {
        let inReview = Fixtures.claim(in: .inReview)
        let other = Actor.reviewer(UserID("rev-2"))
        #expect(throws: ClaimError.notAssignedReviewer(assignee: Fixtures.reviewerID)) {
            try inReview.applying(.approve, by: other, at: Fixtures.now, rules: rules)
        }
        let reassigned = try inReview.applying(.reassign(to: UserID("rev-2")), by: other, at: Fixtures.now, rules: rules).claim
        #expect(try reassigned.applying(.approve, by: other, at: Fixtures.now, rules: rules).claim.state == .approved)
    }
}
