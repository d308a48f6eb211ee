import Claims
import Foundation
import HTTP
import Seeding
import Testing
@testable import App

/// Every page's HTML in representative states, compared with the copy committed under
/// `Tests/AppTests/Snapshots/`, so a diff shows exactly what a change did to a page. The demo
/// claims are seeded at a fixed moment; tokens and random IDs are replaced by placeholders.
/// `CPOR_RECORD_SNAPSHOTS=1 swift test --filter PageSnapshotTests` writes them anew. Every page is
/// kept in English and, under `Snapshots/es/`, in Spanish, chosen with the header's switch cookie.
@Suite(.serialized) struct PageSnapshotTests {
    /// The language the pages are read in; set around each test's body.
    @TaskLocal static var language = "en"

    static let now = Date(timeIntervalSince1970: 1_796_119_200) // Tue 1 Dec 2026, 10:00 UTC
    static let folder = TestApp.packageRoot + "/Tests/AppTests/Snapshots"

    /// Replaces what differs from run to run: CSRF tokens, document IDs, consent tokens.
    static func normalized(_ html: String) -> String {
        var text = html
        let patterns: [(String, String)] = [
            (#"name="_csrf" value="[^"]*""#, #"name="_csrf" value="CSRF""#),
            (#"/documents/[^"?#<\s]+"#, "/documents/DOCUMENT"),
            (#"/consent/[A-Za-z0-9_%-]{20,}"#, "/consent/TOKEN"),
            (#"/password/[A-Za-z0-9_%-]{20,}"#, "/password/TOKEN"),
            (#"/[^\s<>"]*/cpor-app-[A-Za-z0-9-]+"#, "/DATA"),
        ]
        for (pattern, replacement) in patterns {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    static func check(_ name: String, _ response: HTTPResponse, status: Int = 200,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status.code == status, "\(name): status", sourceLocation: sourceLocation)
        let html = normalized(response.bodyText)
        let path = folder + "/" + (language == "en" ? "" : language + "/") + name + ".html"
        let record = ProcessInfo.processInfo.environment["CPOR_RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try html.write(toFile: path, atomically: true, encoding: .utf8)
            if !record { Issue.record("recorded a new snapshot \(name).html; check it and commit it", sourceLocation: sourceLocation) }
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if html != expected {
            let lines = zip(html.split(separator: "\n", omittingEmptySubsequences: false),
                            expected.split(separator: "\n", omittingEmptySubsequences: false))
            let first = lines.enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                \(name).html differs at line \((first?.offset ?? 0) + 1):
                  got:      \(first.map { String($0.element.0) } ?? "(length differs)")
                  expected: \(first.map { String($0.element.1) } ?? "")
                """, sourceLocation: sourceLocation)
        }
    }

    static func app() throws -> TestApp {
        let clock = MovableClock(now)
        let app = try TestApp(clock: clock.clock, configure: { $0.demo = true })
        try DemoClaims.seed(accounts: app.application.accounts, claims: app.application.claims, rules: app.application.rules, now: now)
        return app
    }

    static func signIn(_ app: TestApp, _ email: String?) {
        app.cookies = ["cpor_lang": language]
        if let email { app.login(email) }
    }

    @Test(arguments: ["en", "es"])
    func anonymousPages(_ language: String) throws {
        try Self.$language.withValue(language) { try Self.anonymousPages() }
    }

    @Test(arguments: ["en", "es"])
    func partnerPagesInEveryState(_ language: String) throws {
        try Self.$language.withValue(language) { try Self.partnerPagesInEveryState() }
    }

    @Test(arguments: ["en", "es"])
    func reviewerPagesAndTheCustomersLink(_ language: String) throws {
        try Self.$language.withValue(language) { try Self.reviewerPagesAndTheCustomersLink() }
    }

    @Test(arguments: ["en", "es"])
    func laterEditionsOfTheProgramme(_ language: String) throws {
        try Self.$language.withValue(language) { try Self.laterEditionsOfTheProgramme() }
    }

    static func anonymousPages() throws {
        let app = try Self.app()
        Self.signIn(app, nil)
        try Self.check("login", app.send("GET", "/login"))
        try Self.check("login-refused", app.send("POST", "/login", form: [
            ("_csrf", app.csrfToken()), ("email", "someone@contoso.example"), ("password", "wrong")]), status: 422)
        try Self.check("error-404", app.send("GET", "/no/such/page"), status: 404)
        try Self.check("consent-unknown", app.send("GET", "/consent/not-a-real-token-at-all-0000000000"), status: 404)
        try Self.check("password-link-unknown", app.send("GET", "/password/not-a-real-token-at-all-0000000000"), status: 404)
        // A set-password link, as a new user opens it from their e-mail.
        Self.signIn(app, "global@contoso.example")
        app.send("POST", "/organization/users", form: [("_csrf", app.csrfToken(from: "/organization/users")),
                                                      ("email", "nell@contoso.example"), ("name", "Nell New"), ("role", "billing_admin")])
        let link = try ASVS_V6_4_SetPasswordLinkTests.link(app, to: "nell@contoso.example")
        Self.signIn(app, nil)
        try Self.check("password-set", app.send("GET", link))
        try Self.check("password-set-refused", app.send("POST", link, form: [("_csrf", app.csrfToken(from: link)),
                                                                              ("new_password", "password1234")]), status: 422)
        try Self.check("login-password-set", app.send("GET", "/login?done=password_set"))
    }

    static func partnerPagesInEveryState() throws {
        let app = try Self.app()
        Self.signIn(app, "global@contoso.example")
        try Self.check("partner-dashboard", app.send("GET", "/claims"))
        try Self.check("partner-dashboard-no-match", app.send("GET", "/claims?q=nothing-matches-this"))
        try Self.check("partner-dashboard-sorted", app.send("GET", "/claims?sort=name&dir=asc&state=submitted"))
        try Self.check("partner-dashboard-all", app.send("GET", "/claims?view=all"))
        // Fabrikam's claims all wait on the reviewers.
        Self.signIn(app, "incentives@fabrikam.example")
        try Self.check("partner-dashboard-nothing-waiting", app.send("GET", "/claims"))
        Self.signIn(app, "global@contoso.example")
        try Self.check("partner-new-claim", app.send("GET", "/claims/new"))
        let csrf = app.csrfToken(from: "/claims/new")
        try Self.check("partner-new-claim-refused", app.send("POST", "/claims/new", form: [
            ("_csrf", csrf), ("name", ""), ("tenant_id", "not-a-guid"), ("partner_location_id", "999")]), status: 422)
        let created = app.send("POST", "/claims/new", form: [("_csrf", csrf), ("name", "A draft for the snapshots")])
        #expect(created.status == 303)
        let draft = try #require(created.headers["Location"]?.split(separator: "?").first.map(String.init))
        try Self.check("partner-claim-draft", app.send("GET", draft + "?done=created"))
        try Self.check("partner-confirm-submit-incomplete", app.send("GET", draft + "/submit"))
        try Self.check("partner-edit-draft", app.send("GET", draft + "/edit"))
        try Self.check("partner-claim-submitted", app.send("GET", "/claims/C-1001"))
        try Self.check("partner-confirm-withdraw", app.send("GET", "/claims/C-1001/withdraw"))
        try Self.check("partner-claim-partner-action-required", app.send("GET", "/claims/C-1004"))
        try Self.check("partner-respond", app.send("GET", "/claims/C-1004/respond"))
        try Self.check("partner-claim-in-review", app.send("GET", "/claims/C-1005"))
        try Self.check("partner-respond-closed", app.send("GET", "/claims/C-1005/respond"), status: 409)
        try Self.check("partner-history", app.send("GET", "/claims/C-1005/history"))
        try Self.check("partner-comment-refused", app.send("POST", "/claims/C-1001/comments", form: [
            ("_csrf", app.csrfToken(from: "/claims/C-1001")), ("text", String(repeating: "x", count: 4001))]), status: 422)
        try Self.check("partner-users", app.send("GET", "/organization/users"))
        try Self.check("account", app.send("GET", "/account"))
        // A second browser of Grace's: ending the first asks for her password.
        let first = app.cookies
        Self.signIn(app, "global@contoso.example")
        try Self.check("account-confirm-end", app.send("POST", "/account/sessions/1", form: [("_csrf", app.csrfToken(from: "/account"))]))
        app.cookies = first
        try Self.check("account-password", app.send("GET", "/account/password"))
        try Self.check("account-password-refused", app.send("POST", "/account/password", form: [
            ("_csrf", app.csrfToken(from: "/account/password")), ("current_password", "not it"), ("new_password", "short")]), status: 422)
        try Self.check("partner-audit", app.send("GET", "/organization/audit"))
        try Self.check("partner-other-organization", app.send("GET", "/claims/C-1006"), status: 404)
        // Withdrawn by the partner: rejected, final.
        let withdrawn = app.send("POST", "/claims/C-1001/withdraw", form: [
            ("_csrf", app.csrfToken(from: "/claims/C-1001")), ("version", try app.version(of: "C-1001")), ("reason", "Filed twice")])
        #expect(withdrawn.status == 303)
        try Self.check("partner-claim-rejected-final", app.send("GET", "/claims/C-1001"))

        Self.signIn(app, "incentives@fabrikam.example")
        try Self.check("partner-claim-disputed", app.send("GET", "/claims/C-1006"))
        try Self.check("partner-dispute-closed", app.send("GET", "/claims/C-1006/dispute"))
    }

    static func reviewerPagesAndTheCustomersLink() throws {
        let app = try Self.app()
        Self.signIn(app, "reviewer@reviewers.example")
        try Self.check("review-queue", app.send("GET", "/review"))
        try Self.check("review-queue-overdue", app.send("GET", "/review?view=overdue"))
        try Self.check("review-claim-submitted", app.send("GET", "/review/C-1001"))
        try Self.check("review-claim-competing", app.send("GET", "/review/C-1003"))
        try Self.check("review-claim-partner-action-required", app.send("GET", "/review/C-1004"))
        try Self.check("review-claim-in-review", app.send("GET", "/review/C-1005?checklist=1&shows=customer_signature"))
        try Self.check("review-claim-disputed", app.send("GET", "/review/C-1006"))
        try Self.check("review-confirm-approve", app.post("/review/C-1005/approve", [("version", try app.version(of: "C-1005"))]))
        try Self.check("review-refused-stale", app.post("/review/C-1005/reject", [
            ("version", "1"), ("rejection_reason", "insufficient_poe"), ("comment", "Kept after the refusal")]), status: 409)
        // Approve, then follow the consent link from the outbox.
        let approved = app.post("/review/C-1005/approve", [("version", try app.version(of: "C-1005")), ("confirmed", "yes")])
        #expect(approved.status == 303)
        try Self.check("review-claim-approved", app.send("GET", "/review/C-1005"))
        // Reject the claim Rita holds: rejected, disputable.
        let rejected = app.post("/review/C-1003/reject", [("version", try app.version(of: "C-1003")), ("confirmed", "yes"),
                                                          ("rejection_reason", "insufficient_poe"), ("comment", "No PoE for Exchange.")])
        #expect(rejected.status == 303)
        try Self.check("review-claim-rejected", app.send("GET", "/review/C-1003"))
        let outbox = app.send("GET", "/review/outbox")
        try Self.check("review-outbox", outbox)
        let link = try #require(outbox.bodyText.range(of: #"/consent/[A-Za-z0-9_-]+"#, options: .regularExpression)
            .map { String(outbox.bodyText[$0]) })

        Self.signIn(app, "incentives@contoso.example")
        try Self.check("partner-claim-approved", app.send("GET", "/claims/C-1005"))
        try Self.check("partner-confirm-disassociate", app.send("GET", "/claims/C-1005/disassociate"))

        Self.signIn(app, nil)
        try Self.check("consent-open", app.send("GET", link))
        try Self.check("consent-confirm", app.send("GET", link + "?step=confirm"))
        let denied = app.send("POST", link, form: [("_csrf", app.csrfToken(from: link + "?step=confirm")), ("reason", "We never worked with them")])
        #expect(denied.status == 303)
        try Self.check("consent-denied", app.send("GET", link))

        Self.signIn(app, "incentives@contoso.example")
        try Self.check("partner-claim-approved-then-denied", app.send("GET", "/claims/C-1005"))
        Self.signIn(app, "incentives@fabrikam.example")
        try Self.check("partner-claim-rejected", app.send("GET", "/claims/C-1003"))
        try Self.check("partner-dispute-open", app.send("GET", "/claims/C-1003/dispute"))
    }

    /// With a tenant directory loaded: a draft whose subscription it lists as disabled, and an
    /// approved association the sweep has marked, on both sides.
    @Test func tenantDirectoryPages() throws {
        let app = try Self.app()
        let tenant = TenantID(parsing: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0010")!
        let subscription = "9e1d7a40-3c2b-4d8e-9f10-a1b2c3d4e5f6"
        func directory(_ status: SubscriptionStatus) throws {
            try app.application.tenantDirectory.replace(with: [TenantDirectoryEntry(
                tenantID: tenant, domains: [DomainName(parsing: "northwind.example")!],
                subscriptions: [DirectorySubscription(id: SubscriptionID(parsing: subscription)!, product: .dynamics365Sales, status: status)])],
                source: "tenants.csv", at: Self.now)
        }
        try directory(.active)
        Self.signIn(app, "incentives@contoso.example")
        let form = PartnerFixtures.completeClaim.filter { !["solution_area", "products", "tenant_id", "name"].contains($0.0) } + [
            ("name", "Dynamics Sales at Northwind"), ("tenant_id", tenant.rawValue), ("solution_area", "business_applications"),
            ("products", "dynamics_365_sales"), ("subscription_id", subscription),
        ]
        for name in ["Approved with a subscription", "Draft with a subscription"] {
            let created = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + form.map { $0.0 == "name" ? ($0.0, name) : $0 })
            #expect(created.status == 303)
        }
        let approved = "C-1008", draft = "C-1009"
        #expect(app.uploadPDF(to: "/claims/\(approved)").status == 303)
        #expect(app.uploadPDF(to: "/claims/\(draft)").status == 303)
        #expect(app.send("POST", "/claims/\(approved)/submit", form: [("_csrf", app.sessionCSRF), ("version", try app.version(of: approved))]).status == 303)
        Self.signIn(app, "reviewer@reviewers.example")
        #expect(app.post("/review/\(approved)/start", [("version", try app.version(of: approved))]).status == 303)
        #expect(app.post("/review/\(approved)/approve", [("version", try app.version(of: approved)), ("confirmed", "yes")]).status == 303)

        try directory(.disabled)
        let summary = try TimerSweep.run(store: app.application.claims, rules: app.application.rules, now: Self.now)
        #expect(summary.subscriptionNotices == 1)
        try Self.check("review-claim-subscription-disabled", app.send("GET", "/review/\(approved)"))
        Self.signIn(app, "incentives@contoso.example")
        try Self.check("partner-claim-subscription-disabled", app.send("GET", "/claims/\(approved)"))
        try Self.check("partner-confirm-submit-directory", app.send("GET", "/claims/\(draft)/submit"))
        try Self.check("partner-edit-refused-by-directory", app.send("POST", "/claims/\(draft)/edit", form: [
            ("_csrf", app.sessionCSRF), ("version", try app.version(of: draft))] + form.map { $0.0 == "customer_domain" ? ($0.0, "fabrikam.example") : $0 }),
            status: 422)
    }

    /// Under `--policy 2023`: a newer claim with fresher PoE taking an approved workload over (the
    /// July 2020 update), and a customer ending an association after it was sent for evaluation.
    static func laterEditionsOfTheProgramme() throws {
        let clock = MovableClock(now)
        let app = try TestApp(clock: clock.clock, configure: { $0.demo = true; $0.policy = .edition2023 })
        try DemoClaims.seed(accounts: app.application.accounts, claims: app.application.claims, rules: app.application.rules, now: now)
        func post(_ path: String, _ fields: [(String, String)]) throws {
            let response = app.post(path, fields)
            #expect(response.status == 303, "\(path)")
        }

        // Contoso's C-1002 (Exchange Online and Teams) is approved once Fabrikam's C-1003 is rejected.
        Self.signIn(app, "reviewer@reviewers.example")
        try post("/review/C-1003/reject", [("version", try app.version(of: "C-1003")), ("confirmed", "yes"),
                                           ("rejection_reason", "insufficient_poe")])
        try post("/review/C-1002/start", [("version", try app.version(of: "C-1002"))])
        try post("/review/C-1002/approve", [("version", try app.version(of: "C-1002")), ("confirmed", "yes")])
        // A day later Fabrikam claims Teams on the same tenant, with its own PoE.
        clock.advance(days: 1)
        Self.signIn(app, "incentives@fabrikam.example")
        let replaced = ["products", "partner_location_id", "name", "tenant_id", "customer_name", "customer_domain",
                        "customer_contact_email", "partner_contact_name", "partner_contact_email"]
        let form = PartnerFixtures.completeClaim.filter { !replaced.contains($0.0) }
            + [("name", "Teams voice at Tailspin"), ("partner_location_id", "5200001"), ("products", "teams"),
               ("tenant_id", "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0002"), ("customer_name", "Tailspin Toys"),
               ("customer_domain", "tailspin.example"), ("customer_contact_email", "nora@tailspin.example"),
               ("partner_contact_name", "Farah Fabrikam"), ("partner_contact_email", "farah@fabrikam.example")]
        let created = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + form)
        #expect(created.status == 303)
        let newer = String((created.headers["Location"] ?? "").prefix { $0 != "?" })
        #expect(app.uploadPDF(to: newer).status == 303)
        #expect(app.send("POST", newer + "/submit", form: [("_csrf", app.sessionCSRF), ("version", app.version(on: newer + "/submit"))]).status == 303)
        let id = String(newer.split(separator: "/").last ?? "")

        Self.signIn(app, "reviewer@reviewers.example")
        try post("/review/\(id)/start", [("version", try app.version(of: id))])
        try Self.check("review-claim-takes-over", app.send("GET", "/review/" + id))
        try Self.check("review-confirm-takes-over", app.post("/review/\(id)/approve", [("version", try app.version(of: id))]))
        try post("/review/\(id)/approve", [("version", try app.version(of: id)), ("confirmed", "yes")])
        try Self.check("review-claim-partly-replaced", app.send("GET", "/review/C-1002"))
        Self.signIn(app, "incentives@contoso.example")
        try Self.check("partner-claim-partly-replaced", app.send("GET", "/claims/C-1002"))

        // The customer of C-1005, approved under the 2023 rules, may deny at any time.
        Self.signIn(app, "reviewer@reviewers.example")
        try post("/review/C-1005/approve", [("version", try app.version(of: "C-1005")), ("confirmed", "yes")])
        let request = try #require(try app.application.outbox.recent(limit: 50)
            .first { $0.email.kind == .consentRequest && $0.email.claimID?.rawValue == "C-1005" })
        let link = "/consent/" + (request.email.parameters["consent_token"] ?? "")
        Self.signIn(app, "incentives@contoso.example")
        try Self.check("partner-claim-approved-any-time", app.send("GET", "/claims/C-1005"))
        Self.signIn(app, nil)
        try Self.check("consent-open-any-time", app.send("GET", link))
        // Ten days on, the association was sent for incentive evaluation; the customer ends it.
        clock.advance(days: 10)
        _ = try TimerSweep.run(store: app.application.claims, rules: app.application.rules, now: clock.clock.now())
        try Self.check("consent-open-after-evaluation", app.send("GET", link))
        try Self.check("consent-confirm-after-evaluation", app.send("GET", link + "?step=confirm"))
        let declined = app.send("POST", link, form: [("_csrf", app.csrfToken(from: link + "?step=confirm")),
                                                     ("reason", "Our contract with Contoso ended in October.")])
        #expect(declined.status == 303)
        try Self.check("consent-ended-by-customer", app.send("GET", link))
        Self.signIn(app, "incentives@contoso.example")
        try Self.check("partner-claim-ended-by-customer", app.send("GET", "/claims/C-1005"))
        try Self.check("partner-dashboard-ended", app.send("GET", "/claims?state=ended"))
        Self.signIn(app, "reviewer@reviewers.example")
        try Self.check("review-claim-ended-by-customer", app.send("GET", "/review/C-1005"))
    }
}
