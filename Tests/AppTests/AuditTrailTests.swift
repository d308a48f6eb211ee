import Foundation
import HTTP
import Seeding
import Storage
import Testing
@testable import App

/// ASVS V16: security events are recorded with time, actor, client address and outcome; an
/// organization's global admin reads their organization's, newest first, 50 a page; reviewers'
/// events go to the log; no log line carries an e-mail address.
@Suite struct ASVS_V16_AuditTrailTests {
    static func events(_ app: TestApp) throws -> [AuditEvent] { try app.application.auditEvents.recent(limit: 500) }

    static func userID(_ app: TestApp, _ email: String) throws -> Int64 {
        try #require(try app.application.accounts.credentials(email: email)).user.id
    }

    @Test func loginsLogoutsAndThrottlingAreRecorded() throws {
        let app = try TestApp()
        app.remoteAddress = "203.0.113.9:41000"
        let ivan = try Self.userID(app, "incentives@contoso.example")
        app.login("incentives@contoso.example", password: "wrong-password")
        app.login("nobody@contoso.example", password: "wrong-password")
        app.login("incentives@contoso.example")
        app.send("POST", "/logout", form: [("_csrf", app.sessionCSRF)])
        for _ in 0..<4 { app.login("incentives@contoso.example", password: "wrong-password") }
        let events = try Self.events(app).reversed().map { ($0.kind, $0.outcome, $0.subjectID, $0.clientAddress) }
        #expect(events.count >= 7)
        #expect(events[0] == (.login, .failure, ivan, "203.0.113.9"))
        #expect(events[1] == (.login, .failure, nil, "203.0.113.9"), "an unknown address is about nobody")
        #expect(events[2] == (.login, .success, ivan, "203.0.113.9"))
        #expect(events[3] == (.logout, .success, ivan, "203.0.113.9"))
        #expect(events.last! == (.loginThrottled, .refused, ivan, "203.0.113.9"))
        #expect(try Self.events(app).allSatisfy { $0.at.timeIntervalSinceNow > -60 })
        #expect(!app.logLines.contains { $0.contains("@") }, "no log line names an e-mail address")
    }

    @Test func userManagementAndPasswordsAreRecordedWithTheirActor() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        let grace = try Self.userID(app, "global@contoso.example"), bea = try Self.userID(app, "billing@contoso.example")
        func post(_ path: String, _ form: [(String, String)]) { app.send("POST", path, form: [("_csrf", app.sessionCSRF)] + form) }
        post("/organization/users", [("email", "nell@contoso.example"), ("name", "Nell"), ("role", "billing_admin")])
        post("/organization/users/\(bea)", [("role", "incentives_admin")])
        post("/organization/users/\(bea)", [("change", "deactivate"), ("confirmed", "yes")])
        post("/organization/users/\(bea)", [("change", "reactivate")])
        post("/organization/users/\(bea)", [("change", "send_link")])
        app.send("POST", "/account/password", form: [("_csrf", app.sessionCSRF), ("current_password", DemoData.password),
                                                     ("new_password", "a different long password")])
        let link = try ASVS_V6_4_SetPasswordLinkTests.link(app, to: "billing@contoso.example")
        app.cookies = [:]
        app.send("POST", link, form: [("_csrf", app.csrfToken(from: link)), ("new_password", "bea's new long password")])
        let kinds = try Self.events(app).reversed().filter { $0.kind != .login }.map { ($0.kind, $0.outcome, $0.actorID) }
        let expected: [(AuditEvent.Kind, AuditEvent.Outcome, Int64?)] = [
            (.userCreated, .success, grace), (.passwordLinkSent, .success, grace), (.roleChanged, .success, grace),
            (.userDeactivated, .success, grace), (.userReactivated, .success, grace), (.passwordLinkSent, .success, grace),
            (.passwordChanged, .success, grace), (.passwordLinkUsed, .success, bea),
        ]
        #expect(kinds.count == expected.count)
        for (got, want) in zip(kinds, expected) { #expect(got == want) }
        #expect(try Self.events(app).first { $0.kind == .roleChanged }?.detail == "incentives_admin")
    }

    @Test func refusedFormsAndPagesAreRecorded() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let ivan = try Self.userID(app, "incentives@contoso.example")
        #expect(app.send("GET", "/organization/users").status == 403)
        #expect(app.send("POST", "/claims/new", form: [("_csrf", "forged"), ("name", "x")]).status == 403)
        let refused = try Self.events(app).filter { $0.outcome == .refused }
        #expect(refused.map(\.kind) == [.csrfRefused, .accessRefused])
        #expect(refused.allSatisfy { $0.actorID == ivan && $0.organizationID != nil })
        #expect(refused[0].detail == "POST /claims/new (token)" && refused[1].detail == "GET /organization/users")
    }

    @Test func anOrganizationsAdminReadsOnlyItsEventsNewestFirstFiftyAPage() throws {
        let app = try TestApp()
        app.login("incentives@fabrikam.example")  // Fabrikam's: never on Contoso's page
        app.cookies = [:]
        for _ in 0..<60 {
            app.login("billing@contoso.example")
            app.send("POST", "/logout", form: [("_csrf", app.sessionCSRF)])
        }
        app.login("global@contoso.example")
        let first = app.send("GET", "/organization/audit")
        #expect(first.status == 200)
        let rows = first.bodyText.components(separatedBy: "<tr>").count - 2
        #expect(rows == 50)
        #expect(first.bodyText.contains("Grace Global") && !first.bodyText.contains("Farah"))
        let older = try #require(first.bodyText.firstMatch(of: /href="(\/organization\/audit\?before=\d+)"/)?.output.1)
        // 121 events: 60 logins and logouts of Bea's, and Grace's login; 50, 50 and 21 a page.
        let second = app.send("GET", String(older))
        #expect(second.bodyText.components(separatedBy: "<tr>").count - 2 == 50)
        #expect(second.bodyText.contains("← Newest events") && !second.bodyText.contains("Farah"))
        let oldest = try #require(second.bodyText.firstMatch(of: /href="(\/organization\/audit\?before=\d+)"/)?.output.1)
        let third = app.send("GET", String(oldest))
        #expect(third.bodyText.components(separatedBy: "<tr>").count - 2 == 21)
        #expect(!third.bodyText.contains("Older events"))
    }

    @Test func reviewersEventsGoToTheLogAndOnNoOrganizationsPage() throws {
        let app = try TestApp()
        app.login("reviewer@reviewers.example")
        let rita = try Self.userID(app, "reviewer@reviewers.example")
        let event = try #require(try Self.events(app).first { $0.kind == .login })
        #expect(event.organizationID == nil && event.actorID == rita)
        #expect(app.logLines.contains("audit: login success actor=\(rita)"))
    }

    /// The access log line names whose request it was by user id, never by e-mail.
    @Test func theAccessLogCarriesTheUserIdNeverTheEmail() throws {
        let app = try TestApp()
        #expect(app.send("GET", "/login").loggedUser == nil)
        let ivan = try Self.userID(app, "incentives@contoso.example")
        #expect(app.login("incentives@contoso.example").loggedUser == String(ivan), "the login names whom it signed in")
        #expect(app.send("GET", "/claims").loggedUser == String(ivan))
        #expect(app.send("GET", "/claims/C-9999").loggedUser == String(ivan))
    }
}
