import Foundation
import Testing
import Claims
import HTTP
@testable import App

@Suite struct PartnerAccessTests {
    /// Another organization's claim answers exactly like a claim that does not exist.
    @Test func fabrikamGets404ForEverythingOfContosos() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        _ = app.uploadPDF(to: path)
        let document = try #require(try app.application.claims.claim(ClaimID("C-1001"))?.evidence.first?.id.rawValue)
        app.send("POST", "/logout", form: [("_csrf", app.sessionCSRF)])

        app.login("incentives@fabrikam.example")
        let csrf = app.sessionCSRF
        for page in ["", "/edit", "/history", "/submit", "/withdraw", "/disassociate", "/respond", "/dispute",
                     "/documents/\(document)"] {
            let response = app.send("GET", path + page)
            #expect(response.status == 404, "GET \(path + page)")
            #expect(!response.bodyText.contains("Northwind"))
        }
        #expect(app.send("GET", "/claims/C-9999").status == 404)
        #expect(app.send("GET", "/claims/new?from=C-1001").status == 404)
        for page in ["/edit", "/submit", "/withdraw", "/comments", "/disassociate"] {
            #expect(app.send("POST", path + page, form: [("_csrf", csrf), ("version", "2"), ("reason", "x"), ("text", "x")]).status == 404)
        }
        #expect(app.upload(path + "/documents", [.field("_csrf", csrf), .file(name: "documents", filename: "a.pdf",
                                                  contentType: "application/pdf", bytes: PartnerFixtures.pdf)]).status == 404)
        #expect(!app.send("GET", "/claims").bodyText.contains("Northwind"))
        #expect(!app.send("GET", "/claims/export.csv").bodyText.contains("Northwind"))
        let claim = try #require(try app.application.claims.claim(ClaimID("C-1001")))
        #expect(claim.comments.isEmpty && claim.state == .draft && claim.version == 2)
    }

    @Test func reviewersMayDownloadPoEButNotUsePartnerPages() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        _ = app.uploadPDF(to: path)
        let document = try #require(try app.application.claims.claim(ClaimID("C-1001"))?.evidence.first?.id.rawValue)
        app.send("POST", "/logout", form: [("_csrf", app.sessionCSRF)])
        app.login("reviewer@reviewers.example")
        let download = app.send("GET", path + "/documents/" + document)
        #expect(download.status == 200)
        #expect(app.send("GET", "/claims/new").status == 403)
        #expect(app.send("GET", path).status == 403)
    }

    @Test func anonymousVisitorsAreSentToLogIn() throws {
        let app = try TestApp()
        for path in ["/claims/new", "/claims/C-1001", "/claims/export.csv", "/organization/users"] {
            let response = app.send("GET", path)
            // To the login page, which brings them back here once signed in.
            #expect(response.status == 303 && response.headers["Location"] == "/login?next=" + FormURLEncoded.encodeComponent(path), "\(path)")
        }
    }

    @Test func onlyTheGlobalAdminManagesUsersAndTheLastOneStays() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let refused = app.send("GET", "/organization/users")
        #expect(refused.status == 403 && refused.bodyText.contains("global admin can manage its users"))
        app.send("POST", "/logout", form: [("_csrf", app.sessionCSRF)])

        app.login("global@contoso.example")
        let page = app.send("GET", "/organization/users").bodyText
        #expect(page.contains("Ivan Incentives") && page.contains("Bea Billing") && !page.contains("Farah"))
        let grace = try #require(try app.application.accounts.credentials(email: "global@contoso.example")).user
        // Grace cannot lock herself (the last global admin) out: her own account offers no deactivation,
        // and a forged request is refused.
        let last = app.send("POST", "/organization/users/\(grace.id)", form: [("_csrf", app.sessionCSRF), ("change", "deactivate"),
                                                                             ("confirmed", "yes")])
        #expect(last.status == 409 && last.bodyText.contains("cannot deactivate your own account"))
        let demote = app.send("POST", "/organization/users/\(grace.id)", form: [("_csrf", app.sessionCSRF), ("role", "billing_admin")])
        #expect(demote.status == 409)

        let bad = app.send("POST", "/organization/users", form: [("_csrf", app.sessionCSRF), ("email", "nope"),
                                                                 ("name", "Nell"), ("role", "reviewer")])
        #expect(bad.status == 422 && bad.bodyText.contains("email-error")
                && bad.bodyText.contains("role-error") && bad.bodyText.contains(#"value="Nell""#))
        let added = app.send("POST", "/organization/users", form: [("_csrf", app.sessionCSRF), ("email", "nell@contoso.example"),
                                                                   ("name", "Nell New"), ("role", "global_admin")])
        #expect(added.status == 303)
        let farah = try #require(try app.application.accounts.credentials(email: "incentives@fabrikam.example")).user
        #expect(app.send("POST", "/organization/users/\(farah.id)", form: [("_csrf", app.sessionCSRF), ("change", "deactivate")]).status == 404)
        #expect(app.send("POST", "/organization/users/\(grace.id)", form: [("_csrf", app.sessionCSRF), ("role", "billing_admin")]).status == 303)
    }

    @Test func deactivatingAsksFirstAndCanBeUndone() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        let bea = try #require(try app.application.accounts.credentials(email: "billing@contoso.example")).user
        let asked = app.send("POST", "/organization/users/\(bea.id)", form: [("_csrf", app.sessionCSRF), ("change", "deactivate")])
        #expect(asked.status == 200)
        #expect(asked.bodyText.contains("They will no longer be able to log in. Deactivate?"))
        #expect(try app.application.accounts.credentials(email: "billing@contoso.example")?.user.active == true, "nothing yet")
        let done = app.send("POST", "/organization/users/\(bea.id)", form: [("_csrf", app.sessionCSRF), ("change", "deactivate"),
                                                                           ("confirmed", "yes")])
        #expect(done.status == 303)
        #expect(try app.application.accounts.user(id: bea.id)?.active == false)
        let page = app.send("GET", "/organization/users").bodyText
        #expect(page.contains(#"<input type="hidden" name="change" value="reactivate">"#))
        #expect(app.send("POST", "/organization/users/\(bea.id)", form: [("_csrf", app.sessionCSRF), ("change", "reactivate")]).status == 303)
        #expect(try app.application.accounts.user(id: bea.id)?.active == true)
        // Her own row offers no deactivation at all.
        let grace = try #require(try app.application.accounts.credentials(email: "global@contoso.example")).user
        let own = try #require(page.range(of: #"action="/organization/users/\#(grace.id)""#))
        let ownRow = page[own.lowerBound...].prefix(1200)
        #expect(!ownRow.contains(#"value="deactivate""#) || ownRow.range(of: "</tr>").map { ownRow[..<$0.lowerBound].contains(#"value="deactivate""#) } == false)
    }

    @Test func aTakenEmailIsSaidTogetherWithTheOtherProblems() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        let refused = app.send("POST", "/organization/users", form: [("_csrf", app.sessionCSRF), ("email", "billing@contoso.example"),
                                                                     ("name", ""), ("role", "billing_admin")])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("Someone in your organization already has this e-mail address."))
        #expect(refused.bodyText.contains("name-error"))
    }
}
