import Claims
import Foundation
import Testing
@testable import App

/// What partners and reviewers say to each other on a claim, and what the claim keeps of it: a
/// partner's answer while the claim is in review, refusals that explain themselves beside the form
/// and keep what was typed, a dispute decision's comment on both sides and in the history, and
/// history lines in the words the pages use.
@Suite struct ClaimConversationTests {
    let partner: TestApp
    let reviewer: TestApp.Session
    let path: String
    let id = ClaimID("C-1001")

    /// A submitted claim for Teams and Exchange Online, with the reviewer's review started.
    init() throws {
        (partner, reviewer, path) = try TestApp.claimInReview()
    }

    func version() throws -> String { String(try partner.application.claims.claim(id)?.version ?? -1) }

    @Test func thePartnerAnswersInTheCommentsWhileTheClaimIsInReview() throws {
        let page = partner.send("GET", path).bodyText
        #expect(page.contains(#"action="/claims/C-1001/comments""#), "the comment form is offered in review")
        let answered = partner.send("POST", path + "/comments", form: [("_csrf", partner.sessionCSRF), ("text", "The signed letter is on page 2.")])
        #expect(answered.status == 303)
        #expect(try partner.application.claims.claim(id)?.comments.last?.text == "The signed letter is on page 2.")
        #expect(reviewer.send("GET", "/review/C-1001").bodyText.contains("The signed letter is on page 2."))
    }

    @Test func aRefusedCommentOrUploadExplainsItselfBesideTheFormAndKeepsTheText() throws {
        let long = String(repeating: "a", count: Comment.maximumLength + 1)
        let refused = partner.send("POST", path + "/comments", form: [("_csrf", partner.sessionCSRF), ("text", long)])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains(#"id="comment-error""#))
        #expect(refused.bodyText.contains(long), "the text is kept in the box")

        // PoE cannot be added while the reviewer has the claim; the page no longer offers the
        // upload form, so the refusal says so at the top rather than vanish.
        let upload = partner.uploadPDF(to: path, filename: "late.pdf")
        #expect(upload.status == 409)
        let alert = try #require(upload.bodyText.range(of: #"<p class="alert alert-error" role="alert">[^<]+"#, options: .regularExpression))
        #expect(upload.bodyText[alert].contains("In review"), "\(upload.bodyText[alert])")
        #expect(try partner.application.claims.claim(id)?.evidence.count == 1, "nothing was added")
    }

    @Test func anEmptyWithdrawalReasonAsksForWordsNotForChoices() throws {
        let refused = partner.send("POST", path + "/withdraw", form: [("_csrf", partner.sessionCSRF), ("version", try version()), ("reason", "  ")])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains(#"id="reason-error""#))
        #expect(refused.bodyText.contains("Say why, in a few words."))
        #expect(!refused.bodyText.contains("Choose at least one reason"))
        #expect(try partner.application.claims.claim(id)?.state == .inReview)
    }

    @Test func theDisputeDecisionAndItsCommentAreKeptOnTheClaimForBothSidesAndInTheHistory() throws {
        #expect(reviewer.post("/review/C-1001/reject", [
            ("version", try version()), ("confirmed", "yes"), ("rejection_reason", "insufficient_poe"), ("comment", "No Teams usage shown."),
        ]).status == 303)
        let disputed = partner.upload(path + "/dispute", [.field("_csrf", partner.sessionCSRF), .field("version", try version()),
                                                          .field("justification", "Usage report attached on page 4.")])
        #expect(disputed.status == 303)
        #expect(reviewer.post("/review/C-1001/decide-dispute", [
            ("version", try version()), ("confirmed", "yes"), ("decision", "uphold"), ("comment", "Page 4 shows Exchange, not Teams."),
        ]).status == 303)

        let claim = try #require(try partner.application.claims.claim(id))
        #expect(claim.dispute?.decisionComment == "Page 4 shows Exchange, not Teams.")
        let partnerPage = partner.send("GET", path).bodyText
        #expect(partnerPage.contains("Uphold the rejection") && partnerPage.contains("Page 4 shows Exchange, not Teams."))
        let reviewPage = reviewer.send("GET", "/review/C-1001").bodyText
        #expect(reviewPage.contains("The dispute was decided") && reviewPage.contains("Page 4 shows Exchange, not Teams."))
        let history = partner.send("GET", path + "/history").bodyText
        #expect(history.contains("Usage report attached on page 4."), "the dispute's justification")
        #expect(history.contains("Page 4 shows Exchange, not Teams."), "the decision's comment")
    }

    @Test func aDecisionWithoutAReasonIsRefusedBesideItsOwnForm() throws {
        let refused = reviewer.post("/review/C-1001/reject", [("version", try version()), ("comment", "Not enough.")])
        #expect(refused.status == 422)
        let html = refused.bodyText
        let form = try #require(html.range(of: #"action="/review/C-1001/reject""#))
        let message = try #require(html.range(of: "Choose at least one reason."))
        let nextForm = try #require(html.range(of: "<form", range: form.upperBound..<html.endIndex))
        #expect(message.lowerBound > form.upperBound && message.lowerBound < nextForm.lowerBound, "inside the reject form")
        #expect(!html.contains(#"<div class="alert alert-error" role="alert">Choose at least one reason."#), "not at the top")
        #expect(html.contains("Not enough."), "the comment is kept")
        #expect(html.contains(##"href="#decide""##), "a jump to the decisions")
    }

    @Test func historyShowsValuesAsThePagesDo() throws {
        // Back to the partner, who drops Exchange Online from the claim.
        #expect(reviewer.post("/review/C-1001/request-action", [
            ("version", try version()), ("confirmed", "yes"), ("partner_action_reason", "missing_products"), ("comment", "Which products?"),
        ]).status == 303)
        var form = PartnerFixtures.completeClaim.filter { $0 != ("products", "exchange_online") }
        form.append(("version", try version()))
        #expect(partner.send("POST", path + "/edit", form: [("_csrf", partner.sessionCSRF)] + form).status == 303)
        let history = partner.send("GET", path + "/history").bodyText
        let line = try #require(history.range(of: "Products and workloads changed from[^<]*", options: .regularExpression))
        #expect(history[line].contains("Exchange Online") && history[line].hasSuffix("to “Microsoft Teams”"), "\(history[line])")
        #expect(!history.contains("exchange_online"))
    }
}

/// How long is left, counted in whole days after today, in the zone the deadline is kept in: each
/// kind of deadline starts at its full length and its own day reads "last day".
@Suite struct DeadlineCountdownTests {
    static let madrid = BusinessCalendar(timeZoneIdentifier: "Europe/Madrid")!

    static func presenter(at now: String) throws -> ClaimPresenter {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        return ClaimPresenter(localizer: catalog.localizer(for: "en", timeZone: madrid.timeZone),
                              calendar: madrid, now: try Self.instant(now))
    }

    static func instant(_ text: String) throws -> Date {
        try Date(text, strategy: .iso8601)
    }

    @Test func businessDayDeadlinesCountFromTheFullLengthToTheLastDay() throws {
        // Monday 7 Dec 2026, 10:00 in Madrid; five business days end with Monday 14 Dec.
        let event = try Self.instant("2026-12-07T09:00:00Z")
        let due = Self.madrid.end(ofBusinessDays: 5, after: event)
        for kind in [DeadlineKind.pickUp, .decision, .partnerResponse, .disputeAnswer] {
            let deadline = Deadline(kind: kind, dueAt: due)
            #expect(try Self.presenter(at: "2026-12-07T09:00:00Z").deadline(deadline)?.remaining == "5 business days left", "\(kind)")
            #expect(try Self.presenter(at: "2026-12-11T16:00:00Z").deadline(deadline)?.remaining == "1 business day left", "\(kind)")
            #expect(try Self.presenter(at: "2026-12-14T22:59:59Z").deadline(deadline)?.remaining == "last day", "\(kind)")
            let view = try #require(try Self.presenter(at: "2026-12-14T08:00:00Z").deadline(deadline))
            #expect(view.day == "Mon 14 Dec 2026, 23:59" && view.zone == "CET")
            #expect(try Self.presenter(at: "2026-12-15T08:00:00Z").deadline(deadline)?.remaining == "overdue by 1 business day")
        }
    }

    @Test func calendarDayWindowsCountFromTheFullLengthToTheLastDay() throws {
        let event = try Self.instant("2026-12-07T09:00:00Z")
        for (kind, days) in [(DeadlineKind.consentWindow, 7), (.disputeWindow, 30)] {
            let deadline = Deadline(kind: kind, dueAt: Self.madrid.end(ofCalendarDays: days, after: event))
            #expect(try Self.presenter(at: "2026-12-07T09:00:00Z").deadline(deadline)?.remaining == "\(days) days left", "\(kind)")
            let lastDay = Self.madrid.day(containing: event).adding(days: days)
            let lastMorning = Self.madrid.start(of: lastDay).addingTimeInterval(3600)
            var presenter = try Self.presenter(at: "2026-12-07T09:00:00Z")
            presenter = ClaimPresenter(localizer: presenter.localizer, calendar: Self.madrid, now: lastMorning)
            #expect(presenter.deadline(deadline)?.remaining == "last day", "\(kind)")
            presenter = ClaimPresenter(localizer: presenter.localizer, calendar: Self.madrid,
                                       now: lastMorning.addingTimeInterval(-86_400))
            #expect(presenter.deadline(deadline)?.remaining == "1 day left", "\(kind)")
        }
    }

    @Test func aPassedDeadlineIsAnAlarmOnlyForTheSideThatKeepsIt() throws {
        let deadline = Deadline(kind: .decision, dueAt: try Self.instant("2026-12-01T00:00:00Z"))
        var presenter = try Self.presenter(at: "2026-12-07T09:00:00Z")
        presenter.viewer = .partner
        #expect(presenter.deadline(deadline)?.overdue == false, "a reviewer's lateness is not the partner's alarm")
        presenter.viewer = .reviewer
        #expect(presenter.deadline(deadline)?.overdue == true)
    }
}

/// A draft says what it still lacks, and the form offers what fits what was already chosen.
@Suite struct DraftTests {
    @Test func aDraftListsWhatItLacksBeforeItCanBeSubmitted() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let created = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF), ("name", "Only a name")])
        let path = try #require(created.headers["Location"]?.split(separator: "?").first.map(String.init))
        let page = app.send("GET", path).bodyText
        #expect(page.contains("Before you can submit"))
        #expect(page.contains("<li>Customer tenant ID</li>") && page.contains("proof of execution"))
        // Complete, with PoE: nothing left to list.
        let complete = app.createCompleteClaim()
        _ = app.uploadPDF(to: complete)
        #expect(!app.send("GET", complete).bodyText.contains("Before you can submit"))
    }

    @Test func theFormOffersOnlyTheChosenAreasProductsAndTheOnlyLocation() throws {
        let app = try TestApp()
        app.login("incentives@fabrikam.example")
        // Fabrikam has one location: it comes chosen.
        let blank = app.send("GET", "/claims/new").bodyText
        #expect(blank.contains(#"<option value="5200001" selected>"#))
        #expect(blank.contains("Microsoft Teams") && blank.contains("Dynamics 365 Sales"), "every area before one is chosen")
        let refused = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF), ("name", ""), ("solution_area", "microsoft_365")])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("Microsoft Teams") && !refused.bodyText.contains("Dynamics 365 Sales"))
    }
}
