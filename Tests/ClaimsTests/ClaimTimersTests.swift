import Foundation
import Testing
@testable import Claims
import TestSupport

struct ClaimTimersTests {
    let rules = Fixtures.rules

    @Test func thePartnerIsRemindedOncePerDeadline() throws {
        let waiting = Fixtures.claim(in: .partnerActionRequired)
        // Response due at the end of Wednesday 11 March; reminded as that day starts.
        #expect(waiting.nextTimerDue == Fixtures.local("2026-03-11 00:00"))
        #expect(SystemTimer.transitions(for: [waiting], at: Fixtures.local("2026-03-10 23:59"), rules: rules).isEmpty)

        let now = Fixtures.local("2026-03-11 08:00")
        let first = SystemTimer.transitions(for: [waiting], at: now, rules: rules)
        #expect(first.count == 1)
        let reminded = try #require(first.first)
        #expect(reminded.claim.state == .partnerActionRequired)
        #expect(reminded.emails.map(\.kind) == [.deadlineReminder])
        #expect(reminded.emails.first?.recipient.rawValue == "ana@partner.example")
        #expect(reminded.emails.first?.parameters["deadline"] == "deadline.partner_response")
        #expect(reminded.history.map(\.kind) == [.timer, .email])
        #expect(reminded.history.allSatisfy { $0.actor == .system })
        #expect(reminded.claim.nextTimerDue == Fixtures.local("2026-03-12 00:00"))

        #expect(SystemTimer.transitions(for: [reminded.claim], at: now, rules: rules).isEmpty)
        #expect(SystemTimer.transitions(for: [reminded.claim], at: Fixtures.local("2026-03-11 23:59"), rules: rules).isEmpty)
    }

    @Test func noResponseRejectsAtTheDeadlineAndOpensTheDisputeWindow() throws {
        let waiting = Fixtures.claim(in: .partnerActionRequired)
        let respondBy = Fixtures.local("2026-03-12 00:00")
        // The sweep runs late; dates still come from the deadline.
        let lapsed = try #require(waiting.firingDueTimers(at: Fixtures.local("2026-03-12 06:30"), rules: rules))
        #expect(lapsed.claim.state == .rejected)
        #expect(lapsed.claim.rejection?.reasons == [.noPartnerResponse])
        #expect(lapsed.claim.rejection?.rejectedAt == respondBy)
        #expect(lapsed.claim.rejection?.disputeWindow?.closesAt == Fixtures.local("2026-04-12 00:00"))
        #expect(lapsed.emails.map(\.kind) == [.rejection])
        // The reminder that was never sent is not sent after the deadline.
        #expect(!lapsed.history.contains { $0.event == .timer(.partnerReminder) })
        #expect(lapsed.claim.partnerAction == nil)
    }

    @Test func aLateResponseIsRefusedEvenBeforeTheSweep() {
        let waiting = Fixtures.claim(in: .partnerActionRequired)
        #expect(throws: ClaimError.windowClosed(.partnerResponse, closedAt: Fixtures.local("2026-03-12 00:00"))) {
            try waiting.applying(.resubmit(comment: ""), by: Fixtures.partner, at: Fixtures.local("2026-03-12 00:00"), rules: rules)
        }
    }

    @Test func theConsentWindowClosesIntoIncentiveEvaluation() throws {
        let approved = Fixtures.claim(in: .approved)
        let closesAt = Fixtures.local("2026-03-12 00:00")
        #expect(approved.nextTimerDue == closesAt)
        #expect(throws: ClaimError.timerNotDue(.consentWindowClosed)) {
            try approved.applying(.timer(.consentWindowClosed), by: .system, at: Fixtures.local("2026-03-11 23:59"), rules: rules)
        }
        let sent = try #require(approved.firingDueTimers(at: closesAt, rules: rules))
        #expect(sent.claim.state == .approved)
        #expect(sent.claim.approval?.sentForIncentiveEvaluationAt == closesAt)
        #expect(sent.claim.statusMessageKey == "state.approved.sent_for_incentive_evaluation")
        #expect(sent.claim.nextTimerDue == nil)
        #expect(sent.claim.currentDeadline == nil)
        #expect(throws: ClaimError.windowClosed(.consentWindow, closedAt: closesAt)) {
            try sent.claim.applying(.denyConsent(token: Fixtures.consentToken, reason: ""), by: .customer, at: closesAt, rules: rules)
        }
    }

    @Test func theDisputeWindowClosesIntoRejectedFinal() throws {
        let rejected = Fixtures.claim(in: .rejected)
        // Rejected Wednesday 4 March; 30 calendar days end with Friday 3 April (a holiday counts).
        let closesAt = Fixtures.local("2026-04-04 00:00")
        #expect(rejected.rejection?.disputeWindow?.closesAt == closesAt)
        // Reminder on the last business day before: Thursday 2 April, since Good Friday is a holiday.
        #expect(rejected.nextTimerDue == Fixtures.local("2026-04-02 00:00"))
        let final = try #require(rejected.firingDueTimers(at: Fixtures.local("2026-05-01 00:00"), rules: rules))
        #expect(final.claim.state == .rejectedFinal)
        #expect(final.claim.closedAt == closesAt)
        #expect(timers(in: final) == [.disputeWindowClosed])
    }

    @Test func aLongOverdueSweepCatchesUpInOneTransition() throws {
        let waiting = Fixtures.claim(in: .partnerActionRequired)
        let swept = try #require(waiting.firingDueTimers(at: Fixtures.local("2026-09-01 00:00"), rules: rules))
        #expect(swept.claim.state == .rejectedFinal)
        #expect(timers(in: swept) == [.partnerResponseLapsed, .disputeWindowClosed])
        #expect(swept.claim.version == waiting.version + 2)
    }

    /// Sweeping the same claims twice at the same instant changes nothing the second time, at any instant.
    @Test(arguments: ["2026-03-05 12:00", "2026-03-11 00:00", "2026-03-12 00:00", "2026-04-02 09:00", "2026-04-04 00:00", "2027-01-01 00:00"])
    func sweepingTwiceIsIdempotent(time: String) {
        let now = Fixtures.local(time)
        let claims = ClaimState.allCases.map { Fixtures.claim(in: $0, id: "C-\($0.rawValue)") }
        let first = SystemTimer.transitions(for: claims, at: now, rules: rules)
        let after = claims.map { claim in first.first { $0.claim.id == claim.id }?.claim ?? claim }
        #expect(SystemTimer.transitions(for: after, at: now, rules: rules).isEmpty)
        for transition in first {
            #expect(transition.claim.nextTimerDue.map { $0 > now } ?? true)
        }
    }

    /// At any instant, a sweep never leaves a timer due behind it, and never fires early.
    @Test func sweepsAtRandomInstantsSettle() {
        var random = SeededGenerator(seed: 42)
        let start = Fixtures.local("2026-03-04 12:00").timeIntervalSince1970
        let claims = ClaimState.allCases.map { Fixtures.claim(in: $0, id: "C-\($0.rawValue)") }
        for _ in 0..<200 {
            let now = Date(timeIntervalSince1970: start + Double.random(in: 0..<(60 * 86400), using: &random))
            for claim in claims {
                guard let transition = claim.firingDueTimers(at: now, rules: rules) else {
                    #expect(claim.nextTimerDue.map { $0 > now } ?? true)
                    continue
                }
                #expect(claim.nextTimerDue.map { $0 <= now } == true)
                #expect(transition.claim.dueTimer(at: now) == nil)
                #expect(transition.claim.firingDueTimers(at: now, rules: rules) == nil)
            }
        }
    }

    @Test func theRejectionEmailSaysHowToDispute() throws {
        let rejected = try Fixtures.claim(in: .inReview).applying(.reject(reasons: [.insufficientPoE, .missingProducts], comment: "Unsigned"), by: Fixtures.reviewer, at: Fixtures.decided, rules: rules)
        let email = try #require(rejected.emails.first)
        #expect(rejected.emails.count == 1)
        #expect(email.kind == .rejection)
        #expect(email.recipient.rawValue == "ana@partner.example")
        #expect(email.parameters["reasons"] == "reason.rejection.insufficient_poe,reason.rejection.missing_products")
        #expect(email.parameters["disputable"] == "true")
        #expect(email.parameters["dispute_window_closes_at"] == "2026-04-03T22:00:00Z")
        #expect(rejected.history.last?.event == .email(.rejection, recipient: email.recipient))
    }

    private func timers(in transition: Transition) -> [SystemTimer] {
        transition.history.compactMap { entry in
            if case .timer(let timer) = entry.event { timer } else { nil }
        }
    }
}
