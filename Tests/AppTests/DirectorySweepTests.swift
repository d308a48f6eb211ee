import Claims
import Foundation
import Storage
import Testing
@testable import App

/// The timer sweep and the tenant directory: an approved association whose subscription a
/// re-imported directory lists as disabled gets a notice both sides see, with a history entry, and
/// loses it when the subscription is listed as active again.
@Suite struct DirectorySweepTests {
    static let subscription = SubscriptionID(parsing: "11111111-1111-4111-8111-111111111111")!

    /// An approved Business Applications claim on a fresh tenant, naming `subscription`.
    static func approved(_ world: TimerSweepTests.World) throws -> (ClaimID, TenantID) {
        let tenant = TenantID(parsing: UUID().uuidString)!
        let form = ClaimForm(name: "Sales rollout", partnerLocationID: "4100001", tenantID: tenant.rawValue,
                             customerDomain: "customer.example", customerName: "Customer Ltd",
                             solutionArea: SolutionArea.businessApplications.rawValue, products: [Product.dynamics365Sales.rawValue],
                             activity: Activity.usageDeployment.rawValue, subscriptionID: subscription.rawValue,
                             customerContactName: "Carla Ruiz", customerContactTitle: "CIO", customerContactEmail: "carla@customer.example",
                             partnerContactName: "Ana Gil", partnerContactEmail: "ana@partner.example")
        let monday = TimerSweepTests.monday
        let id = try world.store.create { id in try Claim.draft(id: id, form: form, by: world.partner, at: monday) }.claim.id
        let upload = ProofOfExecution.Upload(id: DocumentID(UUID().uuidString), filename: "signed.pdf",
                                             contentType: "application/pdf", size: 1234, sha256: String(repeating: "cd", count: 32))
        for (hour, (action, actor)) in [(ClaimAction.addProofOfExecution(upload), world.partner), (.submit, world.partner),
                                        (.startReview, world.reviewer), (.approve, world.reviewer)].enumerated() {
            try world.store.update(id, expectedVersion: nil) { claim, others in
                try claim.applying(action, by: actor, at: monday.addingTimeInterval(Double(hour + 1) * 3600),
                                   rules: TimerSweepTests.rules, claimsOnSameTenant: others)
            }
        }
        return (id, tenant)
    }

    static func importing(_ status: SubscriptionStatus, tenant: TenantID, into app: TestApp) throws {
        try app.application.tenantDirectory.replace(with: [TenantDirectoryEntry(
            tenantID: tenant, domains: [DomainName(parsing: "customer.example")!],
            subscriptions: [DirectorySubscription(id: subscription, product: .dynamics365Sales, status: status)])],
            source: "tenants.csv", at: Date())
    }

    static func page(_ app: TestApp, as email: String, _ path: String) -> String {
        app.cookies = [:]
        app.login(email)
        return app.send("GET", path).bodyText
    }

    @Test func bothSidesSeeTheNoticeUntilTheSubscriptionIsActiveAgain() throws {
        let world = try TimerSweepTests.world()
        let app = world.app
        let (id, tenant) = try Self.approved(world)
        let partnerPage = "/claims/\(id.rawValue)", reviewerPage = "/review/\(id.rawValue)"
        let later = TimerSweepTests.monday.addingTimeInterval(86_400)
        let notice = "is disabled in the tenant directory (checked "

        try Self.importing(.active, tenant: tenant, into: app)
        #expect(try TimerSweep.run(store: world.store, rules: TimerSweepTests.rules, now: later).subscriptionNotices == 0)

        try Self.importing(.disabled, tenant: tenant, into: app)
        let summary = try TimerSweep.run(store: world.store, rules: TimerSweepTests.rules, now: later)
        #expect(summary.subscriptionNotices == 1 && summary.claims == 1 && summary.emails == 0)
        #expect(try world.store.claim(id)?.state == .approved)

        let partner = Self.page(app, as: "incentives@contoso.example", partnerPage)
        #expect(partner.contains("Subscription disabled in the tenant directory"))
        #expect(partner.contains("The customer&#39;s subscription \(Self.subscription.rawValue) \(notice)"))
        #expect(partner.contains("The association stays approved."))
        let partnerHistory = app.send("GET", partnerPage + "/history").bodyText
        #expect(partnerHistory.contains("Tenant directory: subscription \(Self.subscription.rawValue) is disabled"))

        let reviewer = Self.page(app, as: "reviewer@reviewers.example", reviewerPage)
        #expect(reviewer.contains("Subscription disabled in the tenant directory"))
        #expect(reviewer.contains(notice))
        #expect(reviewer.contains("Tenant directory: subscription \(Self.subscription.rawValue) is disabled"), "its history")

        // Once noted, the next sweeps leave it alone.
        #expect(try TimerSweep.run(store: world.store, rules: TimerSweepTests.rules, now: later.addingTimeInterval(60)) == .init())

        try Self.importing(.active, tenant: tenant, into: app)
        #expect(try TimerSweep.run(store: world.store, rules: TimerSweepTests.rules, now: later.addingTimeInterval(120)).subscriptionNotices == 1)
        #expect(!Self.page(app, as: "reviewer@reviewers.example", reviewerPage).contains(notice))
        let cleared = Self.page(app, as: "incentives@contoso.example", partnerPage)
        #expect(!cleared.contains(notice))
        #expect(app.send("GET", partnerPage + "/history").bodyText.contains("Tenant directory: subscription \(Self.subscription.rawValue) is active"))
    }

    @Test func aClaimNotYetApprovedIsLeftAlone() throws {
        let world = try TimerSweepTests.world()
        let (id, tenant) = try Self.approved(world)
        try Self.importing(.disabled, tenant: tenant, into: world.app)
        try world.store.update(id, expectedVersion: nil) { claim, _ in
            try claim.applying(.disassociate(reason: "Ended"), by: world.partner, at: TimerSweepTests.monday.addingTimeInterval(86_400),
                               rules: TimerSweepTests.rules)
        }
        #expect(try TimerSweep.run(store: world.store, rules: TimerSweepTests.rules,
                                   now: TimerSweepTests.monday.addingTimeInterval(90_000)).subscriptionNotices == 0)
        #expect(try world.store.claim(id)?.subscriptionNotice == nil)
    }
}
