import Foundation
import Testing
import Claims
import Storage
@testable import App

@Suite struct PartnerClaimTests {
    @Test func aPartnerCreatesUploadsSubmitsAndSeesItOnTheDashboard() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        #expect(app.send("GET", "/claims").bodyText.contains("No claims yet"))
        #expect(app.send("GET", "/claims/new").status == 200)
        let path = app.createCompleteClaim()
        #expect(path == "/claims/C-1001")
        let page = app.send("GET", path + "?done=created")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Teams rollout at Northwind") && page.bodyText.contains("Editing"))

        // Submitting without PoE is explained, not attempted.
        #expect(app.send("GET", path + "/submit").bodyText.contains("At least one proof of execution document"))
        #expect(app.uploadPDF(to: path).status == 303)
        let claim = try #require(try app.application.claims.claim(ClaimID("C-1001")))
        #expect(claim.evidence.count == 1 && claim.evidence[0].contentType == "application/pdf")

        let version = app.version(on: path + "/submit")
        let submitted = app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", version)])
        #expect(submitted.status == 303)
        #expect(try app.application.claims.claim(ClaimID("C-1001"))?.state == .submitted)

        // Submitted, it waits on the reviewers: it leaves "Needs your action" for "All claims".
        #expect(!app.send("GET", "/claims").bodyText.contains("Teams rollout at Northwind"))
        let dashboard = app.send("GET", "/claims?view=all").bodyText
        #expect(dashboard.contains("Teams rollout at Northwind") && dashboard.contains("Submitted"))
        #expect(dashboard.contains("Review to start"))
        #expect(dashboard.contains("<svg"))
        #expect(app.send("GET", "/claims?state=draft").bodyText.contains("No claims match"))
        #expect(app.send("GET", "/claims?state=submitted&q=northwind").bodyText.contains("C-1001"))
        #expect(app.send("GET", "/claims?q=C-1001&sort=name&dir=asc").bodyText.contains("Teams rollout"))

        let history = app.send("GET", path + "/history").bodyText
        #expect(history.contains("Claim created") && history.contains("Proof of execution uploaded: signed-poe.pdf"))
        #expect(history.contains("Ivan Incentives"))
    }

    @Test func validationErrorsAreShownPerFieldWithInputKept() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let response = app.send("POST", "/claims/new", form: [
            ("_csrf", app.sessionCSRF), ("name", "Mixed <b>area</b>"), ("tenant_id", "not-a-guid"),
            ("customer_contact_email", "nora at northwind"), ("solution_area", "microsoft_365"),
            ("products", "dynamics_365_sales"), ("partner_location_id", "5200001"),
        ])
        #expect(response.status == 422)
        let html = response.bodyText
        #expect(html.contains(#"id="tenant_id-error""#) && html.contains("Enter it as a GUID"))
        #expect(html.contains(#"id="customer_contact_email-error""#))
        #expect(html.contains("These products do not belong to the chosen solution area: Dynamics 365 Sales."))
        #expect(html.contains(#"id="partner_location_id-error""#), "Fabrikam's location is not Contoso's")
        #expect(html.contains(#"value="not-a-guid""#) && html.contains(#"value="nora at northwind""#))
        #expect(html.contains("Mixed &lt;b&gt;area&lt;/b&gt;"))
        #expect(html.contains(#"value="dynamics_365_sales" checked"#))
        #expect(try app.application.claims.claim(ClaimID("C-1001")) == nil, "nothing was saved")
    }

    @Test func aStaleEditGetsTheChangedPageWithInputKept() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        let csrf = app.sessionCSRF
        // Someone else saves first.
        #expect(app.send("POST", path + "/edit", form: [("_csrf", csrf), ("version", "1")] +
            PartnerFixtures.completeClaim.map { $0.0 == "customer_contact_title" ? ($0.0, "CTO") : $0 }).status == 303)
        let stale = app.send("POST", path + "/edit", form: [("_csrf", csrf), ("version", "1")] +
            PartnerFixtures.completeClaim.map { $0.0 == "customer_contact_name" ? ($0.0, "Nina Typed") : $0 })
        #expect(stale.status == 409)
        #expect(stale.bodyText.contains("changed since you opened it"))
        #expect(stale.bodyText.contains(#"value="Nina Typed""#))
        #expect(stale.bodyText.contains(#"name="version" value="2""#))
    }

    @Test func afterSubmissionOnlyTheSpecsFieldsCanChange() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        _ = app.uploadPDF(to: path)
        _ = app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", app.version(on: path + "/submit"))])
        let form = app.send("GET", path + "/edit").bodyText
        #expect(form.contains("cannot change now"))
        #expect(!form.contains(#"name="tenant_id""#) && form.contains(#"name="customer_contact_name""#))
        let version = app.version(on: path + "/edit")
        let saved = app.send("POST", path + "/edit", form: [("_csrf", app.sessionCSRF), ("version", version),
            ("name", "Renamed"), ("tenant_id", "00000000-0000-0000-0000-000000000000")] +
            PartnerFixtures.completeClaim.filter { !["name", "tenant_id"].contains($0.0) }
                .map { $0.0 == "customer_contact_name" ? ($0.0, "Nina North") : $0 })
        #expect(saved.status == 303)
        let claim = try #require(try app.application.claims.claim(ClaimID("C-1001")))
        #expect(claim.details.name == "Teams rollout at Northwind", "read-only fields are not taken from the request")
        #expect(claim.details.customerContact.name == "Nina North")
        #expect(app.send("GET", path + "/history").bodyText.contains("Customer contact name changed from “Nora North” to “Nina North”"))
    }

    @Test func withdrawingNeedsAReasonAndIsFinal() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        _ = app.uploadPDF(to: path)
        _ = app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", app.version(on: path + "/submit"))])
        let version = app.version(on: path + "/withdraw")
        let empty = app.send("POST", path + "/withdraw", form: [("_csrf", app.sessionCSRF), ("version", version), ("reason", " ")])
        #expect(empty.status == 422 && empty.bodyText.contains(#"id="reason-error""#))
        let done = app.send("POST", path + "/withdraw", form: [("_csrf", app.sessionCSRF), ("version", version), ("reason", "Filed twice")])
        #expect(done.status == 303)
        #expect(try app.application.claims.claim(ClaimID("C-1001"))?.state == .rejectedFinal)
        let page = app.send("GET", path).bodyText
        #expect(page.contains("Start a new claim from this one"))
        let copy = app.send("GET", "/claims/new?from=C-1001").bodyText
        #expect(copy.contains(#"value="Teams rollout at Northwind""#) && !copy.contains(#"name="version""#))
        let dispute = app.send("GET", path + "/dispute").bodyText
        #expect(dispute.contains("cannot be disputed") && dispute.contains("/claims/new?from=C-1001"))
    }

    @Test func commentsAppearNewestLastWithAuthorAndRole() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        #expect(app.send("POST", path + "/comments", form: [("_csrf", app.sessionCSRF), ("text", "First")]).status == 303)
        #expect(app.send("POST", path + "/comments", form: [("_csrf", app.sessionCSRF), ("text", "Second <script>")]).status == 303)
        let empty = app.send("POST", path + "/comments", form: [("_csrf", app.sessionCSRF), ("text", "")])
        #expect(empty.status == 422 && empty.bodyText.contains("comment-error"))
        let html = app.send("GET", path).bodyText
        let first = try #require(html.range(of: "First")), second = try #require(html.range(of: "Second &lt;script&gt;"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(html.contains("Ivan Incentives</strong> · Incentives admin"))
    }
}
