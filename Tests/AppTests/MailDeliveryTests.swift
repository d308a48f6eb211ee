import Claims
import Foundation
import Mail
import Storage
import Testing
@testable import App

/// The delivery worker: outbox rows become multipart e-mails, are marked sent only once the
/// transport took them, are retried with back-off, and end up failed — listed, not dropped.
@Suite struct MailDeliveryTests {
    typealias Sweep = TimerSweepTests

    /// A transport that fails as told, and remembers what it was given.
    final class ScriptedTransport: MailTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [MailError]
        private(set) var sent: [MailMessage] = []
        init(failing failures: [MailError] = []) { self.failures = failures }
        func send(_ message: MailMessage) throws {
            try lock.withLock {
                if !failures.isEmpty { throw failures.removeFirst() }
                sent.append(message)
            }
        }
    }

    final class Time: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ date: Date) { current = date }
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    static func worker(_ app: TestApp, _ transport: any MailTransport, time: Time) -> DeliveryWorker {
        var settings = MailSettings()
        settings.maxAttempts = 3
        return DeliveryWorker(outbox: app.application.outbox,
                              composer: app.application.composer(linkBase: "https://cpor.example"),
                              transport: transport, settings: settings, now: { time.now }, log: { _ in })
    }

    /// An approved claim: the consent request and the partner's approval e-mail are queued.
    static func approved() throws -> (Sweep.World, ClaimID) {
        let world = try Sweep.world()
        return (world, try Sweep.claim(world, [(.approve, world.reviewer)]))
    }

    @Test func thePartnersEmailLinksToTheClaimItIsAbout() throws {
        let (world, claim) = try Self.approved()
        let transport = ScriptedTransport()
        _ = Self.worker(world.app, transport, time: Time(Sweep.monday.addingTimeInterval(5 * 3600))).deliverDue()
        let approval = try #require(transport.sent.first { $0.headers.contains { $0 == ("X-CPOR-Kind", "approval") } })
        #expect(approval.textBody.contains("https://cpor.example/claims/\(claim.rawValue)"))
        #expect(approval.htmlBody.contains(#"href="https://cpor.example/claims/\#(claim.rawValue)""#))
    }

    @Test func theConsentEmailCarriesTheLinkAndTheDatabaseThenForgetsTheToken() throws {
        let (world, claim) = try Self.approved()
        let time = Time(Sweep.monday.addingTimeInterval(5 * 3600))
        let transport = ScriptedTransport()
        let report = Self.worker(world.app, transport, time: time).deliverDue()
        #expect(report == .init(sent: 2, retrying: 0, failed: 0))

        let consent = try #require(transport.sent.first { $0.to.first?.address == "carla@customer.example" })
        #expect(consent.subject == "Contoso asks to be recorded as your partner for Microsoft Teams")
        #expect(consent.to.first?.name == "Carla Ruiz")
        #expect(consent.textBody.contains("https://cpor.example/consent/token"))
        #expect(consent.htmlBody.contains(#"href="https://cpor.example/consent/token""#))
        #expect(consent.textBody.contains("after Mon 9 Mar 2026, 23:59 (UTC) the association stands"))
        #expect(consent.messageID.hasPrefix("<outbox-") && consent.messageID.hasSuffix("@cpor.localhost>"))
        #expect(consent.headers.contains { $0.0 == "X-CPOR-Claim" && $0.1 == claim.rawValue })
        let partner = try #require(transport.sent.first { $0.to.first?.address == "ana@partner.example" })
        #expect(partner.subject.hasPrefix("Claim \(claim.rawValue) was approved"))

        // Nothing is sent twice, and the stored copy no longer holds the token.
        #expect(Self.worker(world.app, transport, time: time).deliverDue() == .init())
        #expect(transport.sent.count == 2)
        #expect(try Self.databaseText(world.app.database).contains(#""consent_token":"token""#) == false)
        #expect(try SQLiteOutbox(database: world.app.database).recent(limit: 10).allSatisfy { $0.status == .sent })
    }

    @Test func temporaryFailuresAreRetriedWithBackOffThenMarkedFailed() throws {
        let (world, _) = try Self.approved()
        let start = Sweep.monday.addingTimeInterval(5 * 3600)
        let time = Time(start)
        let busy = MailError.temporary("451 4.3.0 try later")
        // Two messages, each failing every time: attempts at 0, +60 s, +120 s later, then given up (max 3).
        let transport = ScriptedTransport(failing: Array(repeating: busy, count: 6))
        let worker = Self.worker(world.app, transport, time: time)
        #expect(worker.deliverDue() == .init(sent: 0, retrying: 2, failed: 0))
        time.advance(59)
        #expect(worker.deliverDue() == .init())
        time.advance(1)
        #expect(worker.deliverDue() == .init(sent: 0, retrying: 2, failed: 0))
        time.advance(119)
        #expect(worker.deliverDue() == .init())
        time.advance(1)
        #expect(worker.deliverDue() == .init(sent: 0, retrying: 0, failed: 2))
        time.advance(86400)
        #expect(worker.deliverDue() == .init())
        let rows = try SQLiteOutbox(database: world.app.database).recent(limit: 10)
        #expect(rows.allSatisfy { $0.status == .failed && $0.attempts == 3 && $0.lastError?.contains("451") == true })
    }

    @Test func aPermanentRefusalFailsAtOnceAndASuccessAfterARetryIsSentOnce() throws {
        let (world, _) = try Self.approved()
        let time = Time(Sweep.monday.addingTimeInterval(5 * 3600))
        let transport = ScriptedTransport(failing: [.permanent("550 5.1.1 no such user"), .temporary("connection reset")])
        let worker = Self.worker(world.app, transport, time: time)
        #expect(worker.deliverDue() == .init(sent: 0, retrying: 1, failed: 1))
        time.advance(60)
        #expect(worker.deliverDue() == .init(sent: 1, retrying: 0, failed: 0))
        let rows = try SQLiteOutbox(database: world.app.database).recent(limit: 10)
        #expect(rows.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.failed, .sent])
        #expect(rows.first { $0.status == .sent }?.attempts == 2)
        // The retry carried the same Message-ID the first attempt would have.
        #expect(transport.sent.count == 1)
    }

    @Test func theFileTransportWritesAnEmlWhoseLinkTheOutboxPageShows() throws {
        let app = try TestApp { $0.demo = true }
        let world = try Sweep.world(app: app)
        let claim = try Sweep.claim(world, [(.approve, world.reviewer)])
        let folder = app.folder + "/mail"
        let time = Time(Sweep.monday.addingTimeInterval(5 * 3600))
        Self.worker(app, FileTransport(folder: folder), time: time).deliverDue()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
        let eml = try files.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
            .first { $0.contains("carla@customer.example") } ?? ""
        #expect(eml.contains("multipart/alternative"))
        #expect(DeliveredCopy.unfoldQuotedPrintable(eml).contains("https://cpor.example/consent/token"))

        // Reviewers see it on the demo outbox page (with the link read back from the copy); partners may not.
        app.login("reviewer@reviewers.example")
        let page = app.send("GET", "/review/outbox")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("consent request") && page.bodyText.contains(claim.rawValue))
        #expect(page.bodyText.contains(#"href="https://cpor.example/consent/token""#))
        let partner = try TestApp { $0.demo = true }
        partner.login("incentives@contoso.example")
        #expect(partner.send("GET", "/review/outbox").status == 403)
    }

    /// Once sent, a set-password link's token is gone from the database; the demo page reads the
    /// link back from the mailbox copy, as it does a consent link.
    @Test func aSentSetPasswordLinkIsBlankedInTheDatabaseAndShownFromTheCopy() throws {
        let app = try TestApp { $0.demo = true }
        app.login("global@contoso.example")
        app.send("POST", "/organization/users", form: [("_csrf", app.sessionCSRF), ("email", "nell@contoso.example"),
                                                      ("name", "Nell New"), ("role", "billing_admin")])
        let token = try #require(try app.application.outbox.recent(limit: 5).first { $0.email.kind == .setPassword }?
            .email.parameters["password_token"])
        Self.worker(app, FileTransport(folder: app.folder + "/mail"), time: Time(Date())).deliverDue()
        #expect(try !Self.databaseText(app.database).contains(token))
        app.cookies = [:]
        app.login("reviewer@reviewers.example")
        let page = app.send("GET", "/review/outbox").bodyText
        #expect(page.contains(#"href="https://cpor.example/password/\#(token)""#))
    }

    @Test func withoutDemoThereIsNoOutboxPage() throws {
        let app = try TestApp()
        app.login("reviewer@reviewers.example")
        #expect(app.send("GET", "/review/outbox").status == 404)
    }

    static func databaseText(_ database: Database) throws -> String {
        try database.pool.read { db in
            try db.query("SELECT email FROM outbox").map { try $0.string("email") }.joined(separator: "\n")
                + (try db.query("SELECT document FROM claims").map { try $0.string("document") }.joined(separator: "\n"))
        }
    }
}
