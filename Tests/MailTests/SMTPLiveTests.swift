import Foundation
import Testing
@testable import Mail

/// Delivery to a real SMTP server, Python's aiosmtpd, storing into a maildir. Skipped where
/// python3 or aiosmtpd is not installed (`pip install aiosmtpd`).
@Suite(.enabled(if: AiosmtpdServer.isAvailable, "needs python3 with aiosmtpd"))
struct SMTPLiveTests {
    @Test func deliversToAiosmtpd() throws {
        let server = try AiosmtpdServer()
        defer { server.stop() }
        let message = sampleMessage(
            subject: "Revisión de reclamación C-1001",
            textBody: "Hola,\n.this line starts with a dot\nañadido = listo \n",
            to: [MailAddress(address: "reviewer@reviewers.example"), MailAddress(address: "global@contoso.example")]
        )
        let transport = SMTPTransport(configuration: SMTPConfiguration(host: "127.0.0.1", port: server.port, timeout: .seconds(5)))
        try transport.send(message)

        let stored = try #require(server.waitForMessage())
        let mail = try ParsedMail(stored)
        #expect(mail["Message-ID"] == "<outbox-42.1767225600@cpor.localhost>")
        #expect(mail["X-RcptTo"] == "reviewer@reviewers.example, global@contoso.example")
        #expect(EncodedWordDecoder.decode(try #require(mail["Subject"])) == "Revisión de reclamación C-1001")
        #expect(try mail.parts()[0].decodedBody() == "Hola,\r\n.this line starts with a dot\r\nañadido = listo \r\n")
    }
}
