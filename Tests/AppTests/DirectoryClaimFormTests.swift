import Claims
import Foundation
import Storage
import Testing
@testable import App

/// The claim form with a tenant directory loaded: each disagreement is refused on its own field
/// (422, what was typed kept, nothing saved); submission is blocked and says why beforehand; and
/// without a directory nothing changes.
@Suite struct DirectoryClaimFormTests {
    static let tenant = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    static let sales = "11111111-1111-4111-8111-111111111111"
    static let disabled = "33333333-3333-4333-8333-333333333333"
    static let powerBI = "44444444-4444-4444-8444-444444444444"
    static let elsewhere = "55555555-5555-4555-8555-555555555555"

    static func load(_ app: TestApp, salesStatus: SubscriptionStatus = .active) throws {
        func entry(_ tenant: String, _ domains: [String], _ subscriptions: [(String, Product, SubscriptionStatus)]) -> TenantDirectoryEntry {
            TenantDirectoryEntry(tenantID: TenantID(parsing: tenant)!, domains: domains.map { DomainName(parsing: $0)! },
                                 subscriptions: subscriptions.map { DirectorySubscription(id: SubscriptionID(parsing: $0.0)!, product: $0.1, status: $0.2) })
        }
        try app.application.tenantDirectory.replace(with: [
            entry(tenant, ["northwind.example", "northwind.onmicrosoft.com"],
                  [(sales, .dynamics365Sales, salesStatus), (disabled, .dynamics365Sales, .disabled), (powerBI, .powerBI, .active)]),
            entry("7d9f3c1a-2b4e-4f60-8a71-0c5d6e7f8a9b", ["fabrikam.example"], [(elsewhere, .dynamics365Sales, .active)]),
        ], source: "tenants.csv", at: Date())
    }

    /// A complete Business Applications claim for Dynamics 365 Sales at Northwind, with `changes` applied.
    static func form(_ changes: [String: String] = [:]) -> [(String, String)] {
        let base = PartnerFixtures.completeClaim.filter { $0.0 != "products" && $0.0 != "solution_area" } + [
            ("solution_area", "business_applications"), ("products", "dynamics_365_sales"), ("subscription_id", sales),
        ]
        return base.map { ($0.0, changes[$0.0] ?? $0.1) }
    }

    static func signedIn(directory: Bool = true) throws -> TestApp {
        let app = try TestApp()
        if directory { try load(app) }
        app.login("incentives@contoso.example")
        return app
    }

    @Test(arguments: [
        ("a domain of another tenant", ["customer_domain": "fabrikam.example"], "customer_domain",
         "“fabrikam.example” is not one of this tenant"),
        ("a disabled subscription", ["subscription_id": disabled], "subscription_id",
         "This subscription is disabled in the tenant directory"),
        ("a subscription for another product", ["subscription_id": powerBI], "subscription_id",
         "This subscription is for Power BI, which is not one of the claimed products."),
        ("another tenant's subscription", ["subscription_id": elsewhere], "subscription_id",
         "This subscription is not on the customer"),
        ("a tenant the directory does not list", ["tenant_id": "00000000-0000-4000-8000-000000000000"], "tenant_id",
         "This tenant is not in the tenant directory."),
    ])
    func aNewClaimIsRefusedOnTheRightField(_ row: String, changes: [String: String], field: String, message: String) throws {
        let app = try Self.signedIn()
        let response = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + Self.form(changes))
        #expect(response.status == 422, "\(row)")
        let html = response.bodyText
        #expect(html.contains(#"id="\#(field)-error""#), "\(row)")
        #expect(html.contains(message), "\(row)")
        #expect(html.components(separatedBy: #"class="field-error""#).count == 2, "\(row): one field error only")
        for (name, value) in changes { #expect(html.contains(#"name="\#(name)" type="text" value="\#(value)""#), "\(row): kept") }
        #expect(try app.application.claims.claim(ClaimID("C-1001")) == nil, "\(row): nothing saved")
    }

    @Test func theSameFormsAreTakenWithoutADirectory() throws {
        let app = try Self.signedIn(directory: false)
        for changes in [["customer_domain": "fabrikam.example"], ["subscription_id": Self.disabled], ["subscription_id": Self.powerBI]] {
            #expect(app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + Self.form(changes)).status == 303)
        }
    }

    @Test func aMatchingClaimIsTakenAndADraftIsCheckedOnEverySave() throws {
        let app = try Self.signedIn()
        let created = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + Self.form())
        #expect(created.status == 303)
        let path = "/claims/C-1001"
        let saved = app.send("POST", path + "/edit", form: [("_csrf", app.sessionCSRF), ("version", "1")]
            + Self.form(["customer_domain": "fabrikam.example", "customer_contact_title": "CTO"]))
        #expect(saved.status == 422)
        #expect(saved.bodyText.contains(#"id="customer_domain-error""#))
        #expect(saved.bodyText.contains(#"value="CTO""#), "the rest of what was typed is kept")
        let claim = try #require(try app.application.claims.claim(ClaimID("C-1001")))
        #expect(claim.details.customer.domain?.rawValue == "northwind.example" && claim.details.customerContact.title == "CIO")
        #expect(claim.version == 1)
    }

    @Test func aWrongLocationAndADirectoryFindingAreShownTogether() throws {
        let app = try Self.signedIn()
        let response = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)]
            + Self.form(["partner_location_id": "5200001", "subscription_id": Self.disabled]))
        #expect(response.status == 422)
        #expect(response.bodyText.contains(#"id="partner_location_id-error""#) && response.bodyText.contains(#"id="subscription_id-error""#))
    }

    @Test func submittingSaysWhyBeforehandAndIsRefusedAfterAReimport() throws {
        let app = try Self.signedIn()
        #expect(app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + Self.form()).status == 303)
        let path = "/claims/C-1001"
        #expect(app.uploadPDF(to: path).status == 303)
        let version = app.version(on: path + "/submit")
        #expect(app.send("GET", path + "/submit").bodyText.contains(#"<button type="submit" class="button primary">Submit for review</button>"#))

        // The operator imports a directory in which the subscription has been disabled since.
        try Self.load(app, salesStatus: .disabled)
        let page = app.send("GET", path + "/submit").bodyText
        #expect(page.contains("Subscription ID: This subscription is disabled in the tenant directory"))
        #expect(!page.contains("Submit for review</button>"))
        #expect(app.send("GET", path).bodyText.contains("Subscription ID: This subscription is disabled in the tenant directory"),
                "the claim's own page lists it with what else stops submission")

        // A submission sent anyway (a page opened before the import) is refused, and nothing changes.
        let refused = app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", version)])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("Subscription ID: This subscription is disabled in the tenant directory"))
        #expect(try app.application.claims.claim(ClaimID("C-1001"))?.state == .draft)

        // Active again: submitted.
        try Self.load(app, salesStatus: .grace)
        #expect(app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", version)]).status == 303)
        #expect(try app.application.claims.claim(ClaimID("C-1001"))?.state == .submitted)
    }
}
