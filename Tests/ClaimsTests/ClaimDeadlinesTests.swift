import Foundation
import Testing
@testable import Claims

struct ClaimDeadlinesTests {
    let rules = Fixtures.rules

    @Test func aSubmittedClaimShouldBePickedUpWithinFiveBusinessDays() {
        let claim = Fixtures.claim(in: .submitted)
        let deadline = claim.currentDeadline
        #expect(deadline == Deadline(kind: .pickUp, dueAt: Fixtures.local("2026-03-10 00:00")))
        #expect(deadline?.remaining(at: Fixtures.local("2026-03-09 23:00")) == 3600)
        #expect(!claim.isOverdue(at: Fixtures.local("2026-03-09 23:59")))
        #expect(claim.isOverdue(at: Fixtures.local("2026-03-10 00:00")))
    }

    @Test func theDecisionClockPausesWhileThePartnerActs() throws {
        let inReview = Fixtures.claim(in: .inReview)
        // Review started Tuesday 3 March 10:00: five business days end with Tuesday 10 March.
        #expect(inReview.currentDeadline == Deadline(kind: .decision, dueAt: Fixtures.local("2026-03-11 00:00")))

        // Asked Wednesday 11:00: 13 h of Wednesday + Thu, Fri, Mon, Tue = 109 business hours left.
        let waiting = Fixtures.claim(in: .partnerActionRequired)
        #expect(waiting.pausedDecisionTime == hours(109))
        #expect(waiting.currentDeadline == Deadline(kind: .partnerResponse, dueAt: Fixtures.local("2026-03-12 00:00")))

        // Resubmitted Monday 9 March 15:00: the partner took Thu 5, Fri 6 and Mon 9, three business
        // days, so the decision moves from the end of Tue 10 to the end of Fri 13 March — a day's end,
        // never a few hours into one.
        let resubmittedAt = Fixtures.local("2026-03-09 15:00")
        let back = try waiting.applying(.resubmit(comment: "Signed page uploaded"), by: Fixtures.partner, at: resubmittedAt, rules: rules).claim
        #expect(back.state == .inReview)
        #expect(back.currentDeadline == Deadline(kind: .decision, dueAt: Fixtures.local("2026-03-14 00:00")))
        #expect(back.review.pausedTime == hours(5 * 24 + 4))
        #expect(back.pausedDecisionTime == nil)
        #expect(back.comments.last?.text == "Signed page uploaded")
    }

    @Test func aSameDayRoundTripLeavesTheDecisionDeadlineWhereItWas() throws {
        let inReview = Fixtures.claim(in: .inReview)
        let asked = Fixtures.local("2026-03-04 11:00")
        let waiting = try inReview.applying(.requestPartnerAction(reasons: [.missingProducts], comment: "Which?", productsToRemove: []),
                                            by: Fixtures.reviewer, at: asked, rules: rules).claim
        let back = try waiting.applying(.resubmit(comment: ""), by: Fixtures.partner, at: asked.addingTimeInterval(6), rules: rules).claim
        #expect(back.currentDeadline == inReview.currentDeadline)
        // Asked on a Friday, answered the next Monday: the weekend costs nothing, Monday is one day.
        let friday = Fixtures.local("2026-03-06 16:00")
        let waitingOverWeekend = try inReview.applying(.requestPartnerAction(reasons: [.missingProducts], comment: "Which?", productsToRemove: []),
                                                       by: Fixtures.reviewer, at: friday, rules: rules).claim
        let monday = try waitingOverWeekend.applying(.resubmit(comment: ""), by: Fixtures.partner, at: Fixtures.local("2026-03-09 09:00"), rules: rules).claim
        #expect(monday.currentDeadline?.dueAt == Fixtures.local("2026-03-12 00:00"))
    }

    @Test func aClockOverdueWhenPausedStaysOverdue() throws {
        let inReview = Fixtures.claim(in: .inReview)
        let late = Fixtures.local("2026-03-12 10:00")
        let waiting = try inReview.applying(.requestPartnerAction(reasons: [.missingProducts], comment: "Which products?", productsToRemove: []), by: Fixtures.reviewer, at: late, rules: rules).claim
        #expect(waiting.pausedDecisionTime == hours(0))
        let back = try waiting.applying(.resubmit(comment: ""), by: Fixtures.partner, at: Fixtures.local("2026-03-13 10:00"), rules: rules).claim
        #expect(back.currentDeadline?.dueAt == Fixtures.local("2026-03-11 00:00"))
        #expect(back.isOverdue(at: Fixtures.local("2026-03-13 10:00")))
    }

    @Test func the2023EditionIsReachedByConfigurationAlone() throws {
        let json = #"{"decisionBusinessDays": 14, "partnerResponseBusinessDays": 14, "customerMayDeclineAtAnyTime": true}"#
        let configured = try JSONDecoder().decode(Policy.self, from: Data(json.utf8))
        #expect(configured == .edition2023)
        #expect(Policy.named("edition2023") == .edition2023)
        #expect(Policy.named("standard") == Policy())
        #expect(try JSONDecoder().decode(Policy.self, from: Data("{}".utf8)) == .standard)

        let rules2023 = WorkflowRules(policy: configured, calendar: Fixtures.madrid, makeConsentToken: { Fixtures.consentToken })
        let submitted = Fixtures.claim(in: .submitted)
        let inReview = try submitted.applying(.startReview, by: Fixtures.reviewer, at: Fixtures.reviewStarted, rules: rules2023).claim
        // Tuesday 3 March + 14 business days ends with Monday 23 March.
        #expect(inReview.currentDeadline?.dueAt == Fixtures.local("2026-03-24 00:00"))
    }

    @Test func everyStateHasTheDeadlineItsOwnerIsWorkingAgainst() {
        let kinds = ClaimState.allCases.map { Fixtures.claim(in: $0).currentDeadline?.kind }
        #expect(kinds == [nil, .pickUp, .decision, .partnerResponse, .consentWindow, .disputeWindow, .disputeAnswer, nil, nil])
    }

    private func hours(_ count: Int) -> TimeInterval { TimeInterval(count) * 3600 }
}
