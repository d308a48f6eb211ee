import Claims
import Foundation
import HTTP
import Storage
import Testing
@testable import App

/// The customer's consent page, in-process: what the link shows over its life, and that a denial
/// happens once, only in the window, and only with the real token.
@Suite struct ConsentPageTests {
    typealias Sweep = TimerSweepTests

    final class MovableClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ date: Date) { current = date }
        var now: Date { lock.withLock { current } }
        func set(_ date: Date) { lock.withLock { current = date } }
        var clock: Clock { Clock { [self] in now } }
    }

    struct World {
        let time: MovableClock
        let sweep: Sweep.World
        var app: TestApp { sweep.app }
        let claim: ClaimID
        let token = "token"
        var path: String { "/consent/" + token }
    }

    /// A claim approved on Monday 2 March 2026 (the rules' token is "token"); the app's clock at `now`.
    static func world(now: Date = Sweep.monday.addingTimeInterval(86400)) throws -> World {
        let time = MovableClock(now)
        let app = try TestApp(clock: time.clock)
        let sweep = try Sweep.world(app: app)
        let claim = try Sweep.claim(sweep, [(.approve, sweep.reviewer)])
        return World(time: time, sweep: sweep, claim: claim)
    }

    func deny(_ world: World, reason: String = "We never worked with them", csrf: String? = nil) -> HTTPResponse {
        let token = csrf ?? world.app.csrfToken(from: world.path + "?step=confirm")
        return world.app.send("POST", world.path, form: [("_csrf", token), ("reason", reason)])
    }

    @Test func theLinkSaysWhoClaimsWhatAndWhatHappensIfNothingIsDone() throws {
        let world = try Self.world()
        let page = world.app.send("GET", world.path)
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("Contoso says it helped Customer Ltd"))
        #expect(html.contains("Microsoft Teams"))
        #expect(html.contains("Usage / deployment"))
        #expect(html.contains("After Mon 9 Mar 2026, 23:59 (UTC) the association stands and is sent for incentive evaluation"))
        #expect(html.contains("Deny association"))
        #expect(page.headers["Cache-Control"] == "no-store")
        #expect(page.headers["Referrer-Policy"] == "no-referrer")
        // The confirmation step asks for an optional reason and posts with the CSRF token.
        let confirm = world.app.send("GET", world.path + "?step=confirm").bodyText
        #expect(confirm.contains(#"name="reason""#) && confirm.contains(#"name="_csrf""#))
        #expect(try world.sweep.store.claim(world.claim)?.state == .approved)
    }

    @Test func denyingRejectsTheClaimOnceAndTheLinkThenSaysSo() throws {
        let world = try Self.world()
        let csrf = world.app.csrfToken(from: world.path + "?step=confirm")
        let denied = deny(world, csrf: csrf)
        #expect(denied.status == 303)
        #expect(denied.headers["Location"] == world.path)
        let claim = try #require(try world.sweep.store.claim(world.claim))
        #expect(claim.state == .rejectedFinal)
        #expect(claim.rejection?.reasons == [.customerRejection])
        #expect(claim.rejection?.comment == "We never worked with them")
        let after = world.app.send("GET", world.path)
        #expect(after.status == 200)
        #expect(after.bodyText.contains("You denied this association"))

        // A second submit (double click, back button) changes nothing and explains.
        let historyBefore = try world.sweep.store.history(of: world.claim).count
        let again = deny(world, reason: "again", csrf: csrf)
        #expect(again.status == 409)
        #expect(again.bodyText.contains("You denied this association"))
        #expect(try world.sweep.store.history(of: world.claim).count == historyBefore)
        #expect(try world.sweep.store.claim(world.claim)?.rejection?.comment == "We never worked with them")
        // The partner is told, by e-mail, that the customer denied it.
        let outbox = try SQLiteOutbox(database: world.app.database).recent(limit: 20)
        #expect(outbox.contains { $0.email.kind == .rejection && $0.email.parameters["reasons"] == "reason.rejection.customer_rejection" })
    }

    @Test func unknownAndTamperedTokensGetTheSameAnswer() throws {
        let world = try Self.world()
        let unknown = world.app.send("GET", "/consent/" + String(repeating: "A", count: 43))
        let tampered = world.app.send("GET", "/consent/tokeN")
        let truncated = world.app.send("GET", "/consent/toke")
        #expect(unknown.status == 404)
        #expect(tampered.status == unknown.status && truncated.status == unknown.status)
        // The same page, but for the language switch's way back to the address asked for.
        func answer(_ response: HTTPResponse, to path: String) -> String { response.bodyText.replacingOccurrences(of: path, with: "PATH") }
        let unknownAnswer = answer(unknown, to: "/consent/" + String(repeating: "A", count: 43))
        #expect(answer(tampered, to: "/consent/tokeN") == unknownAnswer)
        #expect(answer(truncated, to: "/consent/toke") == unknownAnswer)
        #expect(unknown.bodyText.contains("This link does not work"))
        #expect(unknown.headers["Referrer-Policy"] == "no-referrer")
        // Posting to one is refused the same way and touches nothing.
        let token = world.app.csrfToken(from: world.path + "?step=confirm")
        let post = world.app.send("POST", "/consent/tokeN", form: [("_csrf", token), ("reason", "x")])
        #expect(post.status == 404 && answer(post, to: "/consent/tokeN") == unknownAnswer)
        #expect(try world.sweep.store.claim(world.claim)?.state == .approved)
    }

    @Test func afterTheWindowTheLinkExplainsAndADenialIsRefused() throws {
        let world = try Self.world()
        let csrf = world.app.csrfToken(from: world.path + "?step=confirm")
        // Seven calendar days after Monday 2 March: the window ends with Monday 9 March. On the
        // Tuesday morning the sweep has not even run yet.
        world.time.set(try Date("2026-03-10T08:00:00Z", strategy: .iso8601))
        let late = world.app.send("POST", world.path, form: [("_csrf", csrf), ("reason", "too late")])
        #expect(late.status == 409)
        #expect(late.bodyText.contains("The time to answer has ended"))
        #expect(try world.sweep.store.claim(world.claim)?.state == .approved)
        // After the sweep the page reads the same.
        _ = try TimerSweep.run(store: world.sweep.store, rules: Sweep.rules, now: world.time.now)
        let page = world.app.send("GET", world.path)
        #expect(page.status == 200)
        #expect(page.bodyText.contains("ended at Mon 9 Mar 2026, 23:59 (UTC)"))
    }

    @Test func aDenialWithoutTheFormsCSRFTokenIsRefused() throws {
        let world = try Self.world()
        let response = world.app.send("POST", world.path, form: [("reason", "forged")])
        #expect(response.status == 403)
        #expect(try world.sweep.store.claim(world.claim)?.state == .approved)
    }

    @Test func anOverlongReasonIsKeptOnTheFormWithAMessage() throws {
        let world = try Self.world()
        let reason = String(repeating: "x", count: Comment.maximumLength + 1)
        let response = deny(world, reason: reason)
        #expect(response.status == 422)
        #expect(response.bodyText.contains(reason))
        #expect(try world.sweep.store.claim(world.claim)?.state == .approved)
    }

    @Test func aCustomerWhoNeverHeardOfUsLearnsWhoWeAreWhatItMeansAndWhomToAsk() throws {
        let time = MovableClock(Sweep.monday.addingTimeInterval(86400))
        let app = try TestApp(clock: time.clock, configure: {
            $0.programme.contactEmail = "associations@partners.example"
            $0.programme.privacyURL = "https://partners.example/privacy"
        })
        let sweep = try Sweep.world(app: app)
        _ = try Sweep.claim(sweep, [(.approve, sweep.reviewer)])
        let html = app.send("GET", "/consent/token").bodyText
        #expect(html.contains("What this means for you"))
        #expect(html.contains("Nothing is bought and nothing changes in your services"))
        #expect(html.contains("<strong>Microsoft partner programme</strong>"))
        #expect(html.contains(#"<a href="mailto:associations@partners.example">"#))
        #expect(html.contains(#"<a href="https://partners.example/privacy" rel="noopener">"#))
        // The bad-link page offers the same way to reach a person.
        let unknown = app.send("GET", "/consent/not-the-token")
        #expect(unknown.status == 404)
        #expect(unknown.bodyText.contains(#"<a href="mailto:associations@partners.example">"#))
    }
}
