import Claims
import Foundation
import Storage
import Testing
@testable import App

/// The reviewer's pages in-process: who may reach them, each decision allowed or refused, and
/// what happens when two reviewers act at once.
@Suite struct ReviewTests {
    static let rita = "reviewer@reviewers.example"
    static let ravi = "reviewer2@reviewers.example"

    func state(_ app: TestApp, _ claim: String) throws -> ClaimState? {
        try app.application.claims.claim(ClaimID(claim))?.state
    }

    @Test func partnersAreRefusedEveryReviewerRouteAndAction() throws {
        let app = try TestApp.withDemoClaims()
        app.login("incentives@contoso.example")
        let token = app.csrfToken(from: "/claims")
        for path in ["/review", "/review?view=overdue", "/review/C-1002", "/review/C-1001"] {
            let response = app.send("GET", path)
            #expect(response.status == 403, "GET \(path)")
            #expect(response.bodyText.contains("This page is for reviewers"))
        }
        for step in ReviewStep.allCases {
            let response = app.send("POST", "/review/C-1002/\(step.rawValue)", form: [
                ("_csrf", token), ("version", try app.version(of: "C-1002")), ("confirmed", "yes"),
                ("decision", "overturn"), ("comment", "x"), ("rejection_reason", "insufficient_poe"),
            ])
            #expect(response.status == 403, "POST \(step)")
        }
        #expect(try state(app, "C-1002") == .submitted)
    }

    @Test func anonymousVisitorsAreSentToLogIn() throws {
        let app = try TestApp.withDemoClaims()
        #expect(app.send("GET", "/review/C-1001").headers["Location"] == "/login?next=%2Freview%2FC-1001")
    }

    @Test func theQueueIsMostUrgentFirstAndHighlightsOverdueClaims() throws {
        let clock = MovableClock()
        let app = try TestApp.withDemoClaims(clock: clock)
        app.login(Self.rita)
        let html = app.send("GET", "/review").bodyText
        let order = html.matches(of: /<a href="\/review\/(C-\d+)"><strong>/).map { String($0.1) }
        #expect(order.first == "C-1001")
        #expect(Set(order) == ["C-1001", "C-1002", "C-1003", "C-1004", "C-1005", "C-1006", "C-1007"])
        #expect(html.contains("<tr class=\"overdue\">"))
        #expect(!row(html, "C-1007").contains("overdue"))
        clock.advance(days: 10)
        app.login(Self.rita)
        let later = app.send("GET", "/review").bodyText
        #expect(row(later, "C-1007").contains("class=\"overdue\""))
        #expect(app.send("GET", "/review?view=overdue").bodyText.contains("C-1007"))
    }

    /// The table row of `claim`.
    func row(_ html: String, _ claim: String) -> String {
        guard let link = html.range(of: "<a href=\"/review/\(claim)\">"),
              let start = html[..<link.lowerBound].range(of: "<tr", options: .backwards),
              let end = html[link.upperBound...].range(of: "</tr>") else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func viewsAndSearchNarrowTheQueue() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        func ids(_ query: String) -> Set<String> {
            Set(app.send("GET", "/review" + query).bodyText.matches(of: /<a href="\/review\/(C-\d+)"><strong>/).map { String($0.1) })
        }
        #expect(ids("?view=disputes") == ["C-1006"])
        #expect(ids("?view=competing") == ["C-1002", "C-1003"])
        #expect(ids("?view=mine") == ["C-1003", "C-1004", "C-1005"])
        #expect(ids("?view=unassigned") == ["C-1001", "C-1002", "C-1007"])
        #expect(ids("?q=c-1004") == ["C-1004"])
        #expect(ids("?q=Fabrikam") == ["C-1003", "C-1006", "C-1007"])
        #expect(ids("?q=TAILSPIN.EXAMPLE") == ["C-1002", "C-1003"])
        #expect(ids("?q=ailspin.ex") == ["C-1002", "C-1003"])
        #expect(ids("?q=0B7C1E52-5C1A-4A55-9D6E-2F9A6A1F0001") == ["C-1001"])
        #expect(ids("?q=nobody") == [])
    }

    @Test func startingAReviewAssignsItAndOthersSeeWhoHasIt() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let started = app.post("/review/C-1001/start", [("version", try app.version(of: "C-1001"))])
        #expect(started.status == 303)
        #expect(try state(app, "C-1001") == .inReview)

        let other = try TestApp.Session(app)
        other.login(Self.ravi)
        let page = other.send("GET", "/review/C-1001").bodyText
        #expect(page.contains("Assigned to <strong>Rita Reviewer</strong>"))
        // Ravi may not decide Rita's claim…
        let refused = other.post("/review/C-1001/approve", [("version", try app.version(of: "C-1001"))])
        #expect(refused.status == 409)
        // …until he takes it over, explicitly and after a confirmation.
        let confirmation = other.post("/review/C-1001/reassign", [("version", try app.version(of: "C-1001"))])
        #expect(confirmation.status == 200)
        #expect(confirmation.bodyText.contains("Rita Reviewer will no longer be able to decide it"))
        #expect(try app.application.claims.claim(ClaimID("C-1001"))?.review.assignedReviewer != nil)
        let taken = other.post("/review/C-1001/reassign", [("version", try app.version(of: "C-1001")), ("confirmed", "yes")])
        #expect(taken.status == 303)
        #expect(other.send("GET", "/review/C-1001").bodyText.contains("Assigned to <strong>Ravi Reviewer</strong>"))
    }

    @Test func approvingTakesAConfirmationThenSaves() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let version = try app.version(of: "C-1005")
        let confirmation = app.post("/review/C-1005/approve", [("version", version)])
        #expect(confirmation.status == 200)
        #expect(confirmation.bodyText.contains("Approve C-1005?"))
        #expect(try state(app, "C-1005") == .inReview)
        let done = app.post("/review/C-1005/approve", [("version", version), ("confirmed", "yes")])
        #expect(done.status == 303)
        #expect(done.headers["Location"] == "/review/C-1005?done=approve")
        #expect(try state(app, "C-1005") == .approved)
    }

    @Test func twoReviewersDecidingAtOnceOnlyOneWinsAndTheOtherKeepsTheirComment() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let seen = try app.version(of: "C-1005")
        // Rita opens the claim twice (two tabs); the first tab approves.
        #expect(app.post("/review/C-1005/approve", [("version", seen), ("confirmed", "yes")]).status == 303)
        let late = app.post("/review/C-1005/reject", [
            ("version", seen), ("confirmed", "yes"), ("rejection_reason", "insufficient_poe"),
            ("comment", "The PoE is a quote, not a signed acceptance."),
        ])
        #expect(late.status == 409)
        #expect(late.bodyText.contains("C-1005 changed since you opened it: it is now Approved"))
        #expect(late.bodyText.contains("The PoE is a quote, not a signed acceptance."))
        #expect(try state(app, "C-1005") == .approved)
    }

    @Test func concurrentConfirmedDecisionsOnTheStoreLetExactlyOneThrough() throws {
        let app = try TestApp.withDemoClaims()
        let version = try #require(try app.application.claims.claim(ClaimID("C-1005"))).version
        let sessions = try (0..<2).map { _ in try TestApp.Session(app) }
        sessions.forEach { $0.login(Self.rita) }
        let results = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let session = sessions[index]
            let response = index == 0
                ? session.post("/review/C-1005/approve", [("version", String(version)), ("confirmed", "yes")])
                : session.post("/review/C-1005/request-action", [
                    ("version", String(version)), ("confirmed", "yes"), ("partner_action_reason", "missing_products"),
                    ("comment", "Which workloads did you deploy?")])
            results.append(response.status.code)
        }
        #expect(results.statuses.sorted() == [303, 409])
    }

    @Test func approvalIsBlockedWhileAnotherOrganizationCompetes() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let page = app.send("GET", "/review/C-1003").bodyText
        #expect(page.contains("Approval is blocked until the competing claims are resolved"))
        #expect(!page.contains("Approve…"))
        let refused = app.post("/review/C-1003/approve", [("version", try app.version(of: "C-1003"))])
        #expect(refused.status == 409)
        #expect(refused.bodyText.contains("C-1002"))
        #expect(try state(app, "C-1003") == .inReview)
    }

    @Test func decisionsOutOfStateAreRefusedClearly() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let response = app.post("/review/C-1001/approve", [("version", try app.version(of: "C-1001"))])
        #expect(response.status == 409)
        #expect(try state(app, "C-1001") == .submitted)
        #expect(app.post("/review/C-9999/approve", [("version", "1")]).status == 404)
    }

    @Test func requestingActionNeedsReasonsAndACommentAndWritesNothingOtherwise() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let version = try app.version(of: "C-1005")
        let noReason = app.post("/review/C-1005/request-action", [("version", version), ("comment", "Please fix the dates.")])
        #expect(noReason.status == 422)
        #expect(noReason.bodyText.contains("Please fix the dates."))
        let noComment = app.post("/review/C-1005/request-action", [("version", version), ("partner_action_reason", "missing_products")])
        #expect(noComment.status == 422)
        #expect(try app.version(of: "C-1005") == version)
        let confirmed = app.post("/review/C-1005/request-action", [
            ("version", version), ("confirmed", "yes"), ("partner_action_reason", "missing_products"),
            ("remove_product", "power_automate"), ("comment", "Power Automate is not in the PoE; remove it.")])
        #expect(confirmed.status == 303)
        let claim = try #require(try app.application.claims.claim(ClaimID("C-1005")))
        #expect(claim.state == .partnerActionRequired)
        #expect(claim.partnerAction?.productsToRemove == [.powerAutomate])
    }

    @Test func rejectingNeedsAReason() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let version = try app.version(of: "C-1005")
        #expect(app.post("/review/C-1005/reject", [("version", version), ("confirmed", "yes")]).status == 422)
        let done = app.post("/review/C-1005/reject", [("version", version), ("confirmed", "yes"),
                                                      ("rejection_reason", "poe_not_available"), ("comment", "No PoE opens.")])
        #expect(done.status == 303)
        #expect(try state(app, "C-1005") == .rejected)
    }

    @Test func aDisputeIsDecidedOnce() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let version = try app.version(of: "C-1006")
        let undecided = app.post("/review/C-1006/decide-dispute", [("version", version), ("confirmed", "yes"),
                                                                   ("comment", "Kept while I choose")])
        #expect(undecided.status == 422)
        // Said inside the dispute form, beside the choice it asks for, with the comment kept.
        let form = try #require(undecided.bodyText.range(of: #"action="/review/C-1006/decide-dispute""#))
        let message = try #require(undecided.bodyText.range(of: "Pick a decision first."))
        #expect(message.lowerBound > form.upperBound)
        #expect(undecided.bodyText.contains("Kept while I choose"))
        let upheld = app.post("/review/C-1006/decide-dispute", [("version", version), ("confirmed", "yes"), ("decision", "uphold"),
                                                                ("comment", "The report does not cover Intune.")])
        #expect(upheld.status == 303)
        #expect(try state(app, "C-1006") == .rejectedFinal)
        let again = app.post("/review/C-1006/decide-dispute", [("version", try app.version(of: "C-1006")), ("confirmed", "yes"),
                                                               ("decision", "overturn")])
        #expect(again.status == 409)
        #expect(try state(app, "C-1006") == .rejectedFinal)
    }

    @Test func overturningADisputeApprovesWithANewConsentWindow() throws {
        let clock = MovableClock()
        let app = try TestApp.withDemoClaims(clock: clock)
        app.login(Self.rita)
        let done = app.post("/review/C-1006/decide-dispute", [("version", try app.version(of: "C-1006")), ("confirmed", "yes"),
                                                              ("decision", "overturn")])
        #expect(done.status == 303)
        let claim = try #require(try app.application.claims.claim(ClaimID("C-1006")))
        #expect(claim.state == .approved)
        #expect(claim.approval?.consentWindow.opensAt == clock.clock.now())
    }

    @Test func theChecklistPicksTheReasonsForWhatThePoEDoesNotShow() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        let shown = PoEChecklistItem.allCases.filter { $0 != .datedWithinTwelveMonths }.map { "shows=\($0.rawValue)" }
        let page = app.send("GET", "/review/C-1005?checklist=1&" + shown.joined(separator: "&")).bodyText
        #expect(page.contains(#"name="partner_action_reason" value="missing_or_outdated_dates" checked"#))
        #expect(page.contains(#"name="rejection_reason" value="insufficient_poe" checked"#))
        #expect(!page.contains(#"value="missing_products" checked"#))
    }

    @Test func reviewerCommentsReachTheClaim() throws {
        let app = try TestApp.withDemoClaims()
        app.login(Self.rita)
        #expect(app.post("/review/C-1002/comment", [("comment", "   ")]).status == 422)
        let done = app.post("/review/C-1002/comment", [("comment", "We are checking the other claim on this tenant.")])
        #expect(done.status == 303)
        #expect(app.send("GET", "/review/C-1002").bodyText.contains("We are checking the other claim on this tenant."))
    }

    @Test func everyMessageTheReviewPagesBuildExists() throws {
        let app = try TestApp(seedDemo: false)
        let l = app.application.catalog.localizer(for: "en")
        var keys = ReviewStep.allCases.map { "review.done.\($0.rawValue)" }
        keys += ReviewQueueQuery.View.allCases.map { "review.view.\($0.rawValue)" }
        for step in ["reassign", "approve", "reject", "request-action", "decide_dispute.uphold", "decide_dispute.overturn"] {
            keys += ["heading", "consequence", "button"].map { "review.confirm.\(step).\($0)" }
        }
        for key in keys { #expect(l.lookup(key) != nil, "\(key)") }
    }
}

/// Reviewers find decided claims too: "All claims" lists every claim, newest first, with the
/// queue's search and keyset pages.
@Suite struct ReviewAllClaimsViewTests {
    @Test func decidedClaimsAreFoundInAllClaims() throws {
        let app = try TestApp.withDemoClaims()
        app.login(ReviewTests.rita)
        #expect(app.post("/review/C-1005/approve", [("version", try app.version(of: "C-1005")), ("confirmed", "yes")]).status == 303)
        let waiting = app.send("GET", "/review?q=Adventure").bodyText
        #expect(!waiting.contains(">C-1005<"), "an approved claim has left the work queue")
        let everything = app.send("GET", "/review?view=everything&q=Adventure").bodyText
        #expect(everything.contains(">C-1005<") && everything.contains("Approved"))
        let all = app.send("GET", "/review?view=everything").bodyText
        let newest = try #require(all.range(of: ">C-1007<")), older = try #require(all.range(of: ">C-1001<"))
        #expect(newest.lowerBound < older.lowerBound, "newest first")
        #expect(all.contains(#"aria-current="page">All claims</a>"#))
    }

    @Test func theTabsSayHowManyClaimsEachHolds() throws {
        let app = try TestApp.withDemoClaims()
        app.login(ReviewTests.rita)
        let html = app.send("GET", "/review").bodyText
        // The demo: seven waiting, C-1002 and C-1003 compete, one dispute, and who holds what.
        let queue = try app.application.claims.reviewQueue(ReviewQueueQuery(reviewer: "0", limit: 100, now: Date())).rows
        #expect(html.contains("All waiting (\(queue.count))"))
        #expect(html.contains("Unassigned (\(queue.filter { $0.assignedReviewer == nil }.count))"))
        #expect(html.contains("Competing (\(queue.filter(\.competing).count))"))
        #expect(html.contains("Disputes (\(queue.filter { $0.state == .disputed }.count))"))
        #expect(html.contains(">Mine<"), "a per-reviewer view is not counted")
    }
}
