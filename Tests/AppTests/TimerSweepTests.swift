import Claims
import Foundation
import Storage
import Testing
@testable import App

/// The timer sweep on a real store: due timers fire once, in batches, with their history and e-mails.
@Suite struct TimerSweepTests {
    static let calendar = BusinessCalendar(timeZoneIdentifier: "UTC", holidays: [LocalDate]())!
    static let rules = WorkflowRules(policy: .standard, calendar: calendar, makeConsentToken: { ConsentToken("token") })
    static let monday = try! Date("2026-03-02T09:00:00Z", strategy: .iso8601)

    struct World {
        let app: TestApp
        let store: SQLiteClaimStore
        let partner: Actor
        let reviewer: Actor
    }

    static func world(app: TestApp? = nil) throws -> World {
        let app = try app ?? TestApp()
        let partner = try #require(try app.application.accounts.credentials(email: "incentives@contoso.example")?.user)
        let reviewer = try #require(try app.application.accounts.credentials(email: "reviewer@reviewers.example")?.user)
        return World(
            app: app, store: SQLiteClaimStore(database: app.database),
            partner: .partner(PartnerUser(id: UserID(String(partner.id)), role: partner.role,
                                          organization: OrganizationID(String(partner.organizationID!)))),
            reviewer: .reviewer(UserID(String(reviewer.id))))
    }

    /// A claim taken through `actions` on Monday morning, an hour apart.
    static func claim(_ world: World, _ actions: [(ClaimAction, Actor)]) throws -> ClaimID {
        let form = ClaimForm(name: "Teams rollout", partnerLocationID: "4100001", tenantID: UUID().uuidString,
                             customerDomain: "customer.example", customerName: "Customer Ltd",
                             solutionArea: SolutionArea.microsoft365.rawValue, products: [Product.teams.rawValue],
                             activity: Activity.usageDeployment.rawValue, customerContactName: "Carla Ruiz",
                             customerContactTitle: "CIO", customerContactEmail: "carla@customer.example",
                             partnerContactName: "Ana Gil", partnerContactEmail: "ana@partner.example")
        let id = try world.store.create { id in try Claim.draft(id: id, form: form, by: world.partner, at: monday) }.claim.id
        let upload = ProofOfExecution.Upload(id: DocumentID(UUID().uuidString), filename: "signed.pdf",
                                             contentType: "application/pdf", size: 1234, sha256: String(repeating: "cd", count: 32))
        let steps = [(ClaimAction.addProofOfExecution(upload), world.partner), (.submit, world.partner),
                     (.startReview, world.reviewer)] + actions
        for (hour, (action, actor)) in steps.enumerated() {
            try world.store.update(id, expectedVersion: nil) { claim, others in
                try claim.applying(action, by: actor, at: monday.addingTimeInterval(Double(hour + 1) * 3600), rules: rules,
                                   claimsOnSameTenant: others)
            }
        }
        return id
    }

    @Test func dueTimersFireOnceAndLapsedClaimsAreRejectedWithAnEmail() throws {
        let world = try Self.world()
        let approved = try Self.claim(world, [(.approve, world.reviewer)])
        let waiting = try Self.claim(world, [(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Please sign",
                                                                    productsToRemove: []), world.reviewer)])
        let inReview = try Self.claim(world, [])
        let before = try #require(try world.store.claim(inReview))

        // Nothing is due the next day.
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: Self.monday.addingTimeInterval(86400)) == .init())

        // Two weeks later the consent window (7 days) and the response window (5 business days) have closed.
        let later = Self.monday.addingTimeInterval(14 * 86400)
        let summary = try TimerSweep.run(store: world.store, rules: Self.rules, now: later, batchSize: 1)
        #expect(summary.claims == 2)
        #expect(summary.batches == 2)
        #expect(summary.timers == [.consentWindowClosed: 1, .partnerResponseLapsed: 1])

        let sent = try #require(try world.store.claim(approved))
        #expect(sent.state == .approved)
        #expect(sent.approval?.isSentForIncentiveEvaluation == true)
        let rejected = try #require(try world.store.claim(waiting))
        #expect(rejected.state == .rejected)
        #expect(rejected.rejection?.reasons == [.noPartnerResponse])
        #expect(try world.store.history(of: waiting).contains { $0.event == .timer(.partnerResponseLapsed) })
        let emails = try SQLiteOutbox(database: world.app.database).due(at: later, limit: 100)
        #expect(emails.contains { $0.email.kind == .rejection && $0.email.claimID == waiting })
        #expect(summary.emails >= 1)
        #expect(try world.store.claim(inReview) == before)

        // Running it again for the same instant changes nothing.
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: later) == .init())
        #expect(try SQLiteOutbox(database: world.app.database).due(at: later, limit: 100).count == emails.count)
    }
}
