import Claims
import Foundation
import Mail
import Storage
import Testing
@testable import App

/// Delivery through our SMTP client to a real SMTP server (aiosmtpd, Tests/Mail/smtp_sink.py) on
/// loopback: the message arrives whole, and refusals lead to a retry and then to failed.
@Suite(.serialized) struct MailSMTPTests {
    typealias Sweep = TimerSweepTests

    /// The sink process, stopped when this value goes.
    final class Sink {
        let folder = NSTemporaryDirectory() + "cpor-smtp-\(UUID().uuidString)"
        let process = Process()
        let input = Pipe()
        let port: Int

        init() throws {
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", TestApp.packageRoot + "/Tests/Mail/smtp_sink.py", folder]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard line.hasPrefix("ready "), let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                process.terminate()
                throw SinkError(message: "smtp_sink.py did not start (is aiosmtpd installed?): \(line)")
            }
            self.port = port
        }

        func refuse(_ reply: String?) throws {
            let path = folder + "/refuse"
            if let reply { try reply.write(toFile: path, atomically: true, encoding: .utf8) } else { try? FileManager.default.removeItem(atPath: path) }
        }

        var received: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
                .compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        }

        deinit {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    struct SinkError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    @Test func aConsentEmailArrivesWithBothPartsAndTheLink() throws {
        let sink = try Sink()
        let (world, claim) = try MailDeliveryTests.approved()
        let time = MailDeliveryTests.Time(Sweep.monday.addingTimeInterval(5 * 3600))
        let transport = SMTPTransport(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, timeout: .seconds(5)))
        let report = MailDeliveryTests.worker(world.app, transport, time: time).deliverDue()
        #expect(report == .init(sent: 2, retrying: 0, failed: 0))

        let consent = try #require(sink.received.first { $0.contains("To: Carla Ruiz <carla@customer.example>") })
        #expect(consent.contains("From: Microsoft partner programme <no-reply@cpor.localhost>"))
        #expect(consent.contains("Subject: Contoso asks to be recorded as your partner for Microsoft Teams"))
        #expect(consent.contains("Message-ID: <outbox-"))
        #expect(consent.contains("X-CPOR-Claim: \(claim.rawValue)"))
        #expect(consent.contains("Content-Type: multipart/alternative"))
        #expect(consent.contains("Content-Type: text/plain; charset=utf-8") || consent.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(consent.contains("Content-Type: text/html"))
        #expect(DeliveredCopy.unfoldQuotedPrintable(consent).contains("https://cpor.example/consent/token"))
    }

    @Test func aRefusingServerLeadsToARetryThenToFailed() throws {
        let sink = try Sink()
        let (world, _) = try MailDeliveryTests.approved()
        let time = MailDeliveryTests.Time(Sweep.monday.addingTimeInterval(5 * 3600))
        let transport = SMTPTransport(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, timeout: .seconds(5)))
        let worker = MailDeliveryTests.worker(world.app, transport, time: time)

        try sink.refuse("451 4.3.0 mailbox busy, try later")
        #expect(worker.deliverDue() == .init(sent: 0, retrying: 2, failed: 0))
        try sink.refuse("550 5.1.1 no such user")
        time.advance(60)
        #expect(worker.deliverDue() == .init(sent: 0, retrying: 0, failed: 2))
        #expect(sink.received.isEmpty)
        let rows = try SQLiteOutbox(database: world.app.database).recent(limit: 10)
        #expect(rows.allSatisfy { $0.status == .failed && $0.attempts == 2 && $0.lastError?.contains("550") == true })
    }
}
