import Claims
import Foundation
import HTTP
import Storage
import Testing
@testable import App

/// The 2023 edition through the pages: under `--policy 2023` the consent link stays valid after
/// the window, and a customer who declines an association already sent for incentive evaluation
/// ends it; both sides see it, with its date. Under the standard policy the link closes with the window.
@Suite struct CustomerDeclineTests {
    static let start = Date(timeIntervalSince1970: 1_793_607_600) // Mon 2 Nov 2026, 08:20 UTC

    struct World {
        let clock: MovableClock
        let app: TestApp
        let path: String
        let link: String

        /// The partner's browser, signed in afresh (days pass between the steps).
        var partner: TestApp {
            app.cookies = [:]
            app.login("incentives@contoso.example")
            return app
        }

        /// Rita's browser, signed in afresh.
        var reviewer: TestApp {
            app.cookies = [:]
            app.login(ReviewTests.rita)
            return app
        }
    }

    /// Contoso's claim C-1001 for Teams and Exchange Online, approved by Rita on Monday 2 November;
    /// `link` is the consent e-mail's.
    static func approvedClaim(policy: Policy) throws -> World {
        let clock = MovableClock(start)
        let app = try TestApp(clock: clock.clock, configure: { $0.policy = policy })
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        #expect(app.uploadPDF(to: path).status == 303)
        #expect(app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", app.version(on: path + "/submit"))]).status == 303)
        let reviewer = try TestApp.Session(app)
        reviewer.login(ReviewTests.rita)
        #expect(reviewer.post("/review/C-1001/start", [("version", try app.version(of: "C-1001"))]).status == 303)
        #expect(reviewer.post("/review/C-1001/approve", [("version", try app.version(of: "C-1001")), ("confirmed", "yes")]).status == 303)
        let request = try #require(try app.application.outbox.recent(limit: 20).first { $0.email.kind == .consentRequest })
        let token = try #require(request.email.parameters["consent_token"])
        return World(clock: clock, app: app, path: path, link: "/consent/" + token)
    }

    /// The customer's browser: no session, only the link.
    static func customer(_ world: World, _ method: HTTPMethod = "GET", _ target: String, form: [(String, String)]? = nil) -> HTTPResponse {
        world.app.cookies = [:]
        return world.app.send(method, target, form: form)
    }

    static func decline(_ world: World, reason: String) -> HTTPResponse {
        world.app.cookies = [:]
        let csrf = world.app.csrfToken(from: world.link + "?step=confirm")
        return world.app.send("POST", world.link, form: [("_csrf", csrf), ("reason", reason)])
    }

    @Test func theConsentPageSaysWhichRuleApplies() throws {
        let standard = try Self.approvedClaim(policy: .standard)
        let until = Self.customer(standard, "GET", standard.link).bodyText
        #expect(until.contains("You can deny this association until Mon 9 Nov 2026, 23:59 (UTC)."))
        #expect(!until.contains("at any time"))

        let edition2023 = try Self.approvedClaim(policy: .edition2023)
        let anyTime = Self.customer(edition2023, "GET", edition2023.link).bodyText
        #expect(anyTime.contains("You can deny this association at any time."))
        #expect(anyTime.contains("After Mon 9 Nov 2026, 23:59 (UTC) the association stands and is sent for incentive evaluation; you can still deny it later, from this page."))
        // The e-mails say it too.
        let composer = edition2023.app.application.composer(linkBase: "https://cpor.example")
        let emails = try edition2023.app.application.outbox.recent(limit: 20)
        let request = try composer.compose(try #require(emails.first { $0.email.kind == .consentRequest }))
        #expect(request.textBody.contains("You can do so at any time, also after Mon 9 Nov 2026, 23:59 (UTC)."))
        let approval = try composer.compose(try #require(emails.first { $0.email.kind == .approval }))
        #expect(approval.textBody.contains("can deny the association at any time"))
        let partnerPage = edition2023.partner.send("GET", edition2023.path).bodyText
        #expect(partnerPage.contains("The customer can deny the association at any time, even after it was sent for incentive evaluation"))
    }

    @Test func underThe2023PolicyADeclineAfterTheWindowEndsTheAssociationAndBothSidesSeeIt() throws {
        let world = try Self.approvedClaim(policy: .edition2023)
        // Ten days later the sweep has sent the association for incentive evaluation.
        world.clock.advance(days: 10)
        _ = try TimerSweep.run(store: world.app.application.claims, rules: world.app.application.rules, now: world.clock.clock.now())
        #expect(try world.app.application.claims.claim(ClaimID("C-1001"))?.approval?.isSentForIncentiveEvaluation == true)

        let page = Self.customer(world, "GET", world.link)
        #expect(page.status == 200)
        #expect(page.bodyText.contains("You can deny this association at any time."))
        #expect(page.bodyText.contains("The association has stood since Mon 9 Nov 2026, 23:59 (UTC) and was sent for incentive evaluation."))
        #expect(page.bodyText.contains("Deny association"))
        let confirm = Self.customer(world, "GET", world.link + "?step=confirm").bodyText
        #expect(confirm.contains("The association will end and the partner will see that you ended it."))
        let declined = Self.decline(world, reason: "Our contract with Contoso ended in October.")
        #expect(declined.status == 303)
        let after = Self.customer(world, "GET", world.link).bodyText
        #expect(after.contains("You ended this association"))
        #expect(after.contains("You ended the association with Contoso for these products (12 Nov 2026 at 8:20)."))
        #expect(!after.contains("Deny association"))

        let claim = try #require(try world.app.application.claims.claim(ClaimID("C-1001")))
        #expect(claim.state == .ended)
        #expect(claim.endCause == .customerDeclined)
        #expect(claim.rejection == nil)

        // The partner: the badge, the notice with the customer's words, the dashboard, the history, an e-mail.
        let partner = world.partner
        let partnerPage = partner.send("GET", world.path).bodyText
        #expect(partnerPage.contains(#"<span class="badge badge-bad">Ended by the customer</span>"#))
        #expect(partnerPage.contains("The customer denied the association on 12 Nov 2026 at 8:20, after it had been sent for incentive evaluation."))
        #expect(partnerPage.contains("Our contract with Contoso ended in October."))
        let dashboard = partner.send("GET", "/claims?state=ended").bodyText
        #expect(dashboard.contains("Teams rollout at Northwind") && dashboard.contains("Ended by the customer"))
        let history = partner.send("GET", world.path + "/history").bodyText
        #expect(history.contains("Approved → Ended"))
        #expect(history.contains("Denied by the customer after it was sent for incentive evaluation"))
        #expect(history.contains("E-mail sent: association ended by the customer to ivan@contoso.example"))
        let email = try #require(try world.app.application.outbox.recent(limit: 20).first { $0.email.kind == .endedByCustomer })
        let message = try world.app.application.composer(linkBase: "https://cpor.example").compose(email)
        #expect(message.subject == "The customer ended the association on claim C-1001: Teams rollout at Northwind")
        #expect(message.textBody.contains("On 12 Nov 2026 at 8:20, the customer contact of Northwind Traders denied the association on claim C-1001"))
        #expect(message.textBody.contains("Comment: “Our contract with Contoso ended in October.”"))
        #expect(message.htmlBody.contains("This cannot be disputed."))

        // The reviewer sees the same on the claim, and in the list of every claim.
        let reviewer = world.reviewer
        let review = reviewer.send("GET", "/review/C-1001").bodyText
        #expect(review.contains("Ended by the customer"))
        #expect(review.contains("Our contract with Contoso ended in October."))
        #expect(reviewer.send("GET", "/review?view=everything").bodyText.contains("Ended by the customer"))

        // A second decline changes nothing.
        let historyCount = try world.app.application.claims.history(of: ClaimID("C-1001")).count
        #expect(Self.decline(world, reason: "again").status == 409)
        #expect(try world.app.application.claims.history(of: ClaimID("C-1001")).count == historyCount)
    }

    @Test func underThe2023PolicyADeclineInsideTheWindowStillRejectsTheClaim() throws {
        let world = try Self.approvedClaim(policy: .edition2023)
        world.clock.advance(days: 2)
        #expect(Self.decline(world, reason: "Never worked with them").status == 303)
        let claim = try #require(try world.app.application.claims.claim(ClaimID("C-1001")))
        #expect(claim.state == .rejectedFinal)
        #expect(claim.rejection?.reasons == [.customerRejection])
    }

    @Test func underTheStandardPolicyTheLinkClosesWithTheWindow() throws {
        let world = try Self.approvedClaim(policy: .standard)
        world.clock.advance(days: 10)
        let page = Self.customer(world, "GET", world.link).bodyText
        #expect(page.contains("The time to answer has ended"))
        #expect(!page.contains("Deny association"))
        #expect(Self.decline(world, reason: "Too late").status == 409)
        #expect(try world.app.application.claims.claim(ClaimID("C-1001"))?.state == .approved)
    }
}
