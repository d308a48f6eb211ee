import Claims
import Foundation
import HTTP
import Testing
@testable import App

/// A claim with a long thread and history shows a window of it at a time, the latest first, with
/// links to earlier and later windows that keep showing the same items as more are added.
@Suite struct ClaimThreadPagingTests {
    @Test func aWindowIsTheLatestItemsOrTheOnesBeforeAPosition() {
        let latest = ThreadWindow(total: 120, before: nil, size: 50)
        #expect(latest.range == 70..<120 && latest.isPartial)
        #expect(latest.earlier == 70 && !latest.hasLater)
        let middle = ThreadWindow(total: 120, before: 70, size: 50)
        #expect(middle.range == 20..<70)
        #expect(middle.earlier == 20 && middle.hasLater && middle.later == nil) // the later window is the latest
        let first = ThreadWindow(total: 120, before: 20, size: 50)
        #expect(first.range == 0..<20 && first.earlier == nil && first.hasLater && first.later == 70)
        let deep = ThreadWindow(total: 500, before: 100, size: 50)
        #expect(deep.range == 50..<100 && deep.later == 150)
        // Nothing left out: no links.
        let short = ThreadWindow(total: 50, before: nil, size: 50)
        #expect(short.range == 0..<50 && !short.isPartial && short.earlier == nil && !short.hasLater)
        #expect(ThreadWindow(total: 0, before: nil, size: 50).range == 0..<0)
        // A position from a link that is out of range, or negative, shows the latest.
        #expect(ThreadWindow(total: 120, before: 999, size: 50) == latest)
        #expect(ThreadWindow(total: 120, before: -3, size: 50) == latest)
        #expect(ThreadWindow(total: 120, before: 0, size: 50) == latest)
        #expect(Array(middle.items(Array(0..<120))) == Array(20..<70))
    }

    @Test func linksCarryThePositionAndReadItBack() {
        let claim = ClaimID("C-1001")
        #expect(Route.claim(claim, commentsBefore: 70).href(fragment: "comments") == "/claims/C-1001?comments_before=70#comments")
        #expect(Route(path: "/claims/C-1001", query: QueryItems([("comments_before", "70")])) == .claim(claim, commentsBefore: 70))
        #expect(Route(path: "/claims/C-1001", query: QueryItems([("comments_before", "-1")])) == .claim(claim))
        #expect(Route(path: "/claims/C-1001", query: QueryItems([("comments_before", "x")])) == .claim(claim))
        #expect(Route.claimPage(claim, .history, before: 30).href == "/claims/C-1001/history?before=30")
        #expect(Route(path: "/claims/C-1001/history", query: QueryItems([("before", "30")])) == .claimPage(claim, .history, before: 30))
        // Only the history is paged: an action's address never carries a position.
        #expect(Route(path: "/claims/C-1001/comments", query: QueryItems([("before", "30")])) == .claimPage(claim, .comments))
        let review = Route.reviewClaim(claim, ReviewClaimParameters(commentsBefore: 5, historyBefore: 40))
        #expect(review.href == "/review/C-1001?comments_before=5&history_before=40")
        #expect(Route(path: "/review/C-1001", query: QueryItems([("comments_before", "5"), ("history_before", "40")])) == review)
    }

    /// 120 comments on a demo claim, read on the partner's page, the history page and the
    /// reviewer's page, window by window.
    @Test func theClaimPagesShowALongThreadAWindowAtATime() throws {
        let app = try PageSnapshotTests.app()
        PageSnapshotTests.signIn(app, "global@contoso.example")
        let claim = ClaimID("C-1001")
        let already = try #require(try app.application.claims.claim(claim)).comments.count
        let csrf = app.csrfToken(from: "/claims/C-1001")
        for number in (already + 1)...120 {
            let posted = app.send("POST", "/claims/C-1001/comments", form: [("_csrf", csrf), ("text", "Note #\(number).")])
            #expect(posted.status == 303)
        }
        let history = try app.application.claims.history(of: claim).count
        #expect(history > 120)

        func shown(_ html: String) -> [Int] {
            html.matches(of: /Note #(\d+)\./).map { Int($0.1)! }
        }
        let latest = app.send("GET", "/claims/C-1001").bodyText
        #expect(latest.contains("Comments 71–120 of 120"))
        #expect(shown(latest) == Array(max(already + 1, 71)...120))
        #expect(latest.contains(#"<a href="/claims/C-1001?comments_before=70#comments">Earlier comments</a>"#))
        #expect(!latest.contains("Later comments"))

        let middle = app.send("GET", "/claims/C-1001?comments_before=70").bodyText
        #expect(middle.contains("Comments 21–70 of 120"))
        #expect(shown(middle) == Array(max(already + 1, 21)...70))
        #expect(middle.contains(#"<a href="/claims/C-1001?comments_before=20#comments">Earlier comments</a>"#))
        #expect(middle.contains(#"<a href="/claims/C-1001#comments">Later comments</a>"#))

        try PageSnapshotTests.check("partner-claim-long-thread", app.send("GET", "/claims/C-1001?comments_before=70"))

        let oldest = app.send("GET", "/claims/C-1001?comments_before=20").bodyText
        #expect(oldest.contains("Comments 1–20 of 120"))
        #expect(!oldest.contains("Earlier comments"))
        #expect(oldest.contains(#"<a href="/claims/C-1001?comments_before=70#comments">Later comments</a>"#))

        // The history page: the latest 100 entries, then the ones before.
        let historyPage = app.send("GET", "/claims/C-1001/history").bodyText
        #expect(historyPage.contains("Entries \(history - 99)–\(history) of \(history)"))
        #expect(historyPage.contains(#"<a href="/claims/C-1001/history?before=\#(history - 100)">Earlier entries</a>"#))
        #expect(shown(historyPage).last == 120 && shown(historyPage).count == 100)
        let earlierHistory = app.send("GET", "/claims/C-1001/history?before=\(history - 100)").bodyText
        #expect(earlierHistory.contains("Entries 1–\(history - 100) of \(history)"))
        #expect(earlierHistory.contains(#"<a href="/claims/C-1001/history">Later entries</a>"#))
        try PageSnapshotTests.check("partner-history-long", app.send("GET", "/claims/C-1001/history"))

        // The reviewer's page windows both, and paging one keeps the other.
        PageSnapshotTests.signIn(app, "reviewer@reviewers.example")
        let review = app.send("GET", "/review/C-1001?history_before=\(history - 100)").bodyText
        #expect(review.contains("Comments 71–120 of 120"))
        #expect(review.contains("Entries 1–\(history - 100) of \(history)"))
        #expect(review.contains(#"href="/review/C-1001?comments_before=70&amp;history_before=\#(history - 100)#comments">Earlier comments</a>"#))
        #expect(review.contains(#"<a href="/review/C-1001#history">Later entries</a>"#))
        try PageSnapshotTests.check("review-claim-long-thread", app.send("GET", "/review/C-1001?history_before=\(history - 100)"))
    }

    /// An action reads the claim without its thread; when it is refused, the claim's page it
    /// answers with shows the thread all the same, and what was typed.
    @Test func aRefusedCommentOrUploadShowsTheThreadItWasFor() throws {
        let app = try PageSnapshotTests.app()
        PageSnapshotTests.signIn(app, "global@contoso.example")
        let csrf = app.csrfToken(from: "/claims/C-1001")
        #expect(app.send("POST", "/claims/C-1001/comments", form: [("_csrf", csrf), ("text", "Note #1.")]).status == 303)
        let refused = app.send("POST", "/claims/C-1001/comments", form: [("_csrf", csrf), ("text", "   ")])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("Note #1."))
        let noFile = app.send("POST", "/claims/C-1001/documents", form: [("_csrf", csrf)])
        #expect(noFile.status.code >= 400 && noFile.status.code < 500)
        #expect(noFile.bodyText.contains("Note #1."))
    }
}
