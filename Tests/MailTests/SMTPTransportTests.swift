import Foundation
import Testing
@testable import Mail

@Suite struct SMTPTransportTests {
    private func transport(_ server: FakeSMTPServer, username: String? = nil, password: String? = nil, timeout: Duration = .seconds(5)) -> SMTPTransport {
        SMTPTransport(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: server.port, heloName: "cpor.test", username: username, password: password, timeout: timeout
        ))
    }

    /// The error `body` throws, or a test failure when it throws none or another kind.
    private func mailError(_ body: () throws -> Void) -> MailError? {
        do {
            try body()
            Issue.record("expected a MailError")
        } catch let error as MailError {
            return error
        } catch {
            Issue.record("expected a MailError, got \(error)")
        }
        return nil
    }

    @Test func deliversAMessage() throws {
        let server = try FakeSMTPServer()
        let message = sampleMessage(
            textBody: "Hello,\n.hidden line\n..two dots\n.\n",
            to: [MailAddress(address: "reviewer@reviewers.example"), MailAddress(address: "global@contoso.example", name: "Global")]
        )
        try transport(server).send(message)
        server.finish()
        #expect(server.transcript == [
            "EHLO cpor.test",
            "MAIL FROM:<noreply@cpor.example>",
            "RCPT TO:<reviewer@reviewers.example>",
            "RCPT TO:<global@contoso.example>",
            "DATA",
            "QUIT",
        ])
        let sent = server.content.text
        #expect(sent.contains("\r\n..hidden line\r\n...two dots\r\n..\r\n"))
        // Removing the stuffing gives back exactly the rendered message.
        #expect(sent.replacingOccurrences(of: "\r\n.", with: "\r\n") == message.rendered().text)
    }

    @Test func authenticatesWithPlainWhenOffered() throws {
        var script = FakeSMTPServer.Script()
        script.ehlo = ["250-fake.example", "250-AUTH LOGIN PLAIN CRAM-MD5", "250 8BITMIME"]
        let server = try FakeSMTPServer(script)
        try transport(server, username: "mailer", password: "s3cret").send(sampleMessage())
        server.finish()
        let expected = Data("\0mailer\0s3cret".utf8).base64EncodedString()
        #expect(server.transcript.prefix(3) == ["EHLO cpor.test", "AUTH PLAIN \(expected)", "MAIL FROM:<noreply@cpor.example>"])
    }

    @Test func skipsAuthenticationWithoutAUsername() throws {
        var script = FakeSMTPServer.Script()
        script.ehlo = ["250-fake.example", "250 AUTH PLAIN"]
        let server = try FakeSMTPServer(script)
        try transport(server).send(sampleMessage())
        server.finish()
        #expect(!server.transcript.contains { $0.hasPrefix("AUTH") })
    }

    @Test func refusesToSendUnauthenticatedWhenAUTHIsNotOffered() throws {
        let server = try FakeSMTPServer()
        let error = mailError { try transport(server, username: "mailer", password: "s3cret").send(sampleMessage()) }
        server.finish()
        #expect(error?.isTemporary == false)
        #expect(!server.transcript.contains { $0.hasPrefix("MAIL") })
    }

    @Test func rejectedCredentialsArePermanentAndStayOutOfTheError() throws {
        var script = FakeSMTPServer.Script()
        script.ehlo = ["250-fake.example", "250 AUTH PLAIN"]
        script.auth = ["535 5.7.8 Authentication credentials invalid"]
        let server = try FakeSMTPServer(script)
        let error = mailError { try transport(server, username: "mailer", password: "s3cret").send(sampleMessage()) }
        server.finish()
        #expect(error?.isTemporary == false)
        #expect(error?.description.contains("535 5.7.8 Authentication credentials invalid") == true)
        #expect(error?.description.contains(Data("\0mailer\0s3cret".utf8).base64EncodedString()) == false)
    }

    @Test func fallsBackToHELOWhenEHLOIsRejected() throws {
        var script = FakeSMTPServer.Script()
        script.ehlo = ["502 5.5.2 Command not implemented"]
        let server = try FakeSMTPServer(script)
        try transport(server).send(sampleMessage())
        server.finish()
        #expect(server.transcript.prefix(3) == ["EHLO cpor.test", "HELO cpor.test", "MAIL FROM:<noreply@cpor.example>"])
        #expect(server.transcript.last == "QUIT")
    }

    @Test func aTransientRecipientFailureIsTemporaryAndSendsNoData() throws {
        var script = FakeSMTPServer.Script()
        script.rcptTo = { command in
            command.contains("busy@") ? ["450 4.2.1 Mailbox busy, try again later"] : ["250 2.1.5 Ok"]
        }
        let server = try FakeSMTPServer(script)
        let message = sampleMessage(to: [MailAddress(address: "ok@reviewers.example"), MailAddress(address: "busy@reviewers.example")])
        let error = mailError { try transport(server).send(message) }
        server.finish()
        #expect(error?.isTemporary == true)
        #expect(error?.description.contains("450 4.2.1 Mailbox busy, try again later") == true)
        #expect(error?.description.contains("RCPT TO:<busy@reviewers.example>") == true)
        #expect(!server.transcript.contains("DATA"))
    }

    @Test func aRejectedSenderIsPermanent() throws {
        var script = FakeSMTPServer.Script()
        script.mailFrom = ["553 5.7.1 <noreply@cpor.example>: Sender address rejected"]
        let server = try FakeSMTPServer(script)
        let error = mailError { try transport(server).send(sampleMessage()) }
        server.finish()
        #expect(error == .permanent("127.0.0.1 answered MAIL FROM:<noreply@cpor.example> with 553 5.7.1 <noreply@cpor.example>: Sender address rejected"))
    }

    @Test func aRejectedMessageIsPermanent() throws {
        var script = FakeSMTPServer.Script()
        script.afterData = ["554 5.7.1 Message rejected as spam"]
        let server = try FakeSMTPServer(script)
        let error = mailError { try transport(server).send(sampleMessage()) }
        server.finish()
        #expect(error?.isTemporary == false)
        #expect(error?.description.contains("554 5.7.1 Message rejected as spam") == true)
    }

    @Test func aServerHangingUpDuringDataIsTemporary() throws {
        var script = FakeSMTPServer.Script()
        script.hangUpDuringData = true
        let server = try FakeSMTPServer(script)
        let error = mailError { try transport(server).send(sampleMessage()) }
        server.finish()
        #expect(error?.isTemporary == true)
    }

    @Test func aServiceNotAvailableGreetingIsTemporary() throws {
        var script = FakeSMTPServer.Script()
        script.greeting = ["421-fake.example Service not available", "421 closing transmission channel"]
        let server = try FakeSMTPServer(script)
        let error = mailError { try transport(server).send(sampleMessage()) }
        server.finish()
        #expect(error?.isTemporary == true)
        #expect(error?.description.contains("421 fake.example Service not available closing transmission channel") == true)
    }

    @Test func aRefusedConnectionIsTemporary() throws {
        try FakeSMTPServer.withRefusingPort { port in
            let transport = SMTPTransport(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, timeout: .seconds(2)))
            let error = mailError { try transport.send(sampleMessage()) }
            #expect(error?.isTemporary == true)
            #expect(error?.description.contains("errno \(ECONNREFUSED)") == true)
        }
    }

    @Test func aSilentServerTimesOutAsTemporary() throws {
        var script = FakeSMTPServer.Script()
        script.silent = true
        let server = try FakeSMTPServer(script)
        let started = ContinuousClock.now
        let error = mailError { try transport(server, timeout: .milliseconds(300)).send(sampleMessage()) }
        #expect(ContinuousClock.now - started < .seconds(3))
        server.finish()
        #expect(error?.isTemporary == true)
        #expect(error?.description.contains("no reply") == true)
    }

    @Test func understandsMultiLineRepliesEverywhere() throws {
        var script = FakeSMTPServer.Script()
        script.greeting = ["220-fake.example ESMTP", "220-no unsolicited mail", "220 welcome"]
        script.ehlo = ["250-fake.example", "250-SIZE 1000", "250-AUTH=PLAIN", "250 HELP"]
        script.mailFrom = ["250-sender ok", "250 really"]
        script.afterData = ["250-queued", "250 as 4242"]
        let server = try FakeSMTPServer(script)
        try transport(server, username: "mailer", password: "pw").send(sampleMessage())
        server.finish()
        #expect(server.transcript.contains { $0.hasPrefix("AUTH PLAIN ") })
        #expect(server.transcript.last == "QUIT")
    }

    @Test func rejectsUnusableAddressesBeforeConnecting() throws {
        try FakeSMTPServer.withRefusingPort { port in
            let transport = SMTPTransport(configuration: SMTPConfiguration(host: "127.0.0.1", port: port))
            let injected = sampleMessage(to: [MailAddress(address: "a@b.example>\r\nRCPT TO:<c@d.example")])
            #expect(mailError { try transport.send(injected) }?.isTemporary == false)
            #expect(mailError { try transport.send(sampleMessage(to: [])) }?.isTemporary == false)
        }
    }

    @Test func findsAUTHPLAINAmongTheExtensions() {
        #expect(SMTPTransport.offersPlainAuthentication(["SIZE 10", "AUTH LOGIN PLAIN"]))
        #expect(SMTPTransport.offersPlainAuthentication(["auth=login plain"]))
        #expect(!SMTPTransport.offersPlainAuthentication(["AUTH LOGIN CRAM-MD5", "PLAIN"]))
    }

    @Test func dotStuffsOnlyAtLineStarts() {
        #expect(SMTPTransport.dotStuffed(Array(".a\r\nb.c\r\n.\r\n".utf8)).text == "..a\r\nb.c\r\n..\r\n")
        #expect(SMTPTransport.dotStuffed(Array("no final line break".utf8)).text == "no final line break\r\n")
    }

    @Test func keepsThePasswordOutOfTheDescription() {
        let configuration = SMTPConfiguration(host: "smtp.example", port: 587, username: "mailer", password: "s3cret")
        #expect(!configuration.description.contains("s3cret"))
    }
}
