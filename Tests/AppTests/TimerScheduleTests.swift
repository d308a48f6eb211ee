import Claims
import Foundation
import Mail
import Storage
import Testing
@testable import App

/// The timers as the server runs them: deadlines counted over weekends and holidays, sweeps that
/// are idempotent, a batch that dies half-way leaves nothing behind, and the scheduled loop.
@Suite struct TimerScheduleTests {
    typealias Sweep = TimerSweepTests
    /// Thursday 5 March 2026 is a holiday.
    static let calendar = BusinessCalendar(timeZoneIdentifier: "UTC", holidays: [LocalDate("2026-03-05")!])!
    static let rules = WorkflowRules(policy: .standard, calendar: calendar, makeConsentToken: { ConsentToken(UUID().uuidString) })
    static func at(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    /// A claim through `actions` on Monday 2 March 2026, an hour apart from 10:00, under the holiday rules.
    static func claim(_ world: Sweep.World, _ actions: [(ClaimAction, Actor)]) throws -> ClaimID {
        let form = ClaimForm(name: "Teams rollout", partnerLocationID: "4100001", tenantID: UUID().uuidString,
                             customerDomain: "customer.example", customerName: "Customer Ltd",
                             solutionArea: SolutionArea.microsoft365.rawValue, products: [Product.teams.rawValue],
                             activity: Activity.usageDeployment.rawValue, customerContactName: "Carla Ruiz",
                             customerContactTitle: "CIO", customerContactEmail: "carla@customer.example",
                             partnerContactName: "Ana Gil", partnerContactEmail: "ana@partner.example")
        let id = try world.store.create { id in try Claim.draft(id: id, form: form, by: world.partner, at: Sweep.monday) }.claim.id
        let upload = ProofOfExecution.Upload(id: DocumentID(UUID().uuidString), filename: "signed.pdf",
                                             contentType: "application/pdf", size: 1234, sha256: String(repeating: "cd", count: 32))
        let steps = [(ClaimAction.addProofOfExecution(upload), world.partner), (.submit, world.partner),
                     (.startReview, world.reviewer)] + actions
        for (hour, (action, actor)) in steps.enumerated() {
            try world.store.update(id, expectedVersion: nil) { claim, others in
                try claim.applying(action, by: actor, at: Sweep.monday.addingTimeInterval(Double(hour + 1) * 3600), rules: rules,
                                   claimsOnSameTenant: others)
            }
        }
        return id
    }

    @Test func aPartnerResponseLapsesAfterFiveBusinessDaysSkippingTheWeekendAndTheHoliday() throws {
        let world = try Sweep.world()
        let waiting = try Self.claim(world, [(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Please sign",
                                                                    productsToRemove: []), world.reviewer)])
        let outbox = SQLiteOutbox(database: world.app.database)
        // Monday's request: Tue, Wed, (Thu holiday), Fri, (weekend), Mon, Tue → due at the end of Tuesday 10 March.
        #expect(try world.store.claim(waiting)?.partnerAction?.respondBy == Self.at("2026-03-11T00:00:00Z"))
        let before = try outbox.recent(limit: 100).count
        // The reminder (one business day ahead: the start of Tuesday) is the only thing before then.
        let monday = try TimerSweep.run(store: world.store, rules: Self.rules, now: Self.at("2026-03-09T23:00:00Z"))
        #expect(monday.timers.isEmpty || monday.timers == [.partnerReminder: 1])
        let tuesday = try TimerSweep.run(store: world.store, rules: Self.rules, now: Self.at("2026-03-10T23:59:59Z"))
        #expect(tuesday.timers[.partnerResponseLapsed] == nil)
        #expect(try world.store.claim(waiting)?.state == .partnerActionRequired)

        let wednesday = Self.at("2026-03-11T09:00:00Z")
        let lapsed = try TimerSweep.run(store: world.store, rules: Self.rules, now: wednesday)
        #expect(lapsed.timers == [.partnerResponseLapsed: 1])
        let claim = try #require(try world.store.claim(waiting))
        #expect(claim.state == .rejected && claim.rejection?.reasons == [.noPartnerResponse])
        // Rejected as of the deadline, not of the sweep; the partner may dispute for 30 days from then.
        #expect(claim.rejection?.rejectedAt == Self.at("2026-03-11T00:00:00Z"))
        let rejection = try #require(try outbox.recent(limit: 100).first { $0.email.kind == .rejection })
        #expect(rejection.email.parameters["reasons"] == "reason.rejection.no_partner_response")
        #expect(rejection.email.parameters["dispute_window_closes_at"] == "2026-04-11T00:00:00Z")

        // Again at the same instant, and later the same day: nothing more.
        let queued = try outbox.recent(limit: 100).count
        #expect(queued > before)
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: wednesday) == .init())
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: wednesday.addingTimeInterval(3600)) == .init())
        #expect(try outbox.recent(limit: 100).count == queued)
    }

    @Test func theConsentWindowIsSevenCalendarDaysWeekendsIncluded() throws {
        let world = try Sweep.world()
        let approved = try Self.claim(world, [(.approve, world.reviewer)])
        // Approved Monday 2 March: the window runs through Monday 9 March, weekend and holiday included.
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: Self.at("2026-03-09T23:59:59Z")) == .init())
        let summary = try TimerSweep.run(store: world.store, rules: Self.rules, now: Self.at("2026-03-10T09:00:00Z"))
        #expect(summary.timers == [.consentWindowClosed: 1])
        #expect(try world.store.claim(approved)?.approval?.sentForIncentiveEvaluationAt == Self.at("2026-03-10T00:00:00Z"))
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: Self.at("2026-03-10T09:00:00Z")) == .init())
    }

    struct Crash: Error {}

    @Test func aSweepKilledHalfWayLeavesNothingAndTheRerunAppliesEverythingOnce() throws {
        let world = try Sweep.world()
        let claims = try (0..<6).map { index in
            index.isMultiple(of: 2)
                ? try Self.claim(world, [(.approve, world.reviewer)])
                : try Self.claim(world, [(.requestPartnerAction(reasons: [.missingProducts], comment: "Which?",
                                                                productsToRemove: []), world.reviewer)])
        }
        let outbox = SQLiteOutbox(database: world.app.database)
        let now = Self.at("2026-03-20T09:00:00Z")
        let before = try claims.map { try world.store.claim($0) }
        let queued = try outbox.recent(limit: 1000).count
        let history = try claims.map { try world.store.history(of: $0).count }

        // The process dies while firing the fourth claim of the batch.
        var fired = 0
        #expect(throws: Crash.self) {
            try world.store.sweepTimers(at: now, limit: 100) { claim in
                fired += 1
                if fired == 4 { throw Crash() }
                return claim.firingDueTimers(at: now, rules: Self.rules)
            }
        }
        #expect(try claims.map { try world.store.claim($0) } == before)
        #expect(try outbox.recent(limit: 1000).count == queued)
        #expect(try claims.map { try world.store.history(of: $0).count } == history)

        // The restarted server's sweep applies every timer exactly once.
        let summary = try TimerSweep.run(store: world.store, rules: Self.rules, now: now, batchSize: 4)
        #expect(summary.claims == 6)
        #expect(summary.timers == [.consentWindowClosed: 3, .partnerResponseLapsed: 3])
        #expect(try TimerSweep.run(store: world.store, rules: Self.rules, now: now) == .init())
        let rejections = try outbox.recent(limit: 1000).filter { $0.email.kind == .rejection }
        #expect(rejections.count == 3)
        #expect(Set(rejections.map(\.email.claimID)).count == 3)
    }

    @Test func theServerSweepsOnAScheduleAndDeliversWhatTheSweepQueued() throws {
        let later = Self.at("2026-03-20T09:00:00Z")
        let app = try TestApp(clock: .fixed(later)) { configuration in
            configuration.timerInterval = .milliseconds(50)
            configuration.mail.pollInterval = .milliseconds(50)
        }
        let world = try Sweep.world(app: app)
        let waiting = try Self.claim(world, [(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Sign",
                                                                    productsToRemove: []), world.reviewer)])
        let background = BackgroundWork(application: app.application, linkBase: "http://127.0.0.1:8080")
        background.start()
        let deadline = Date().addingTimeInterval(10)
        var outbox: [Outbox.Message] = []
        while Date() < deadline {
            outbox = try SQLiteOutbox(database: app.database).recent(limit: 100)
            if outbox.contains(where: { $0.email.kind == .rejection && $0.status == .sent }) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        background.stop()
        #expect(try world.store.claim(waiting)?.state == .rejected)
        #expect(outbox.contains { $0.email.kind == .rejection && $0.status == .sent })
        let files = (try? FileManager.default.contentsOfDirectory(atPath: app.folder + "/mail")) ?? []
        #expect(files.contains { $0.hasSuffix(".eml") })
    }
}
