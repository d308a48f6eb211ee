import Foundation
import Testing
@testable import Mail

@Suite struct MailMessageTests {
    @Test func writesTheHeaderFields() throws {
        let mail = try ParsedMail(sampleMessage().rendered())
        #expect(mail["Date"] == "Thu, 01 Jan 2026 00:00:00 +0000")
        #expect(mail["From"] == "CPOR <noreply@cpor.example>")
        #expect(mail["To"] == "Rita Reviewer <reviewer@reviewers.example>")
        #expect(mail["Subject"] == "Claim C-1001 needs your review")
        #expect(mail["Message-ID"] == "<outbox-42.1767225600@cpor.localhost>")
        #expect(mail["MIME-Version"] == "1.0")
        #expect(mail["X-CPOR-Claim"] == "C-1001")
        let type = try #require(mail["Content-Type"])
        #expect(type.hasPrefix("multipart/alternative; boundary=\""))
    }

    @Test func usesCRLFEverywhereAndStaysSevenBit() {
        let bytes = sampleMessage(subject: "Revisión de reclamación", textBody: "línea uno\nline two\rline three\r\nend", htmlBody: "<p>ñ</p>\n").rendered()
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)") }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)") }
            #expect(byte < 0x80)
        }
        #expect(bytes.text.hasSuffix("--\r\n"))
    }

    @Test func keepsHeaderLinesWithinSeventyEightCharacters() {
        let recipients = (1...6).map { MailAddress(address: "partner\($0)@fabrikam.example", name: "Partner Number \($0)") }
        let message = sampleMessage(
            subject: "Claim C-1001 for Contoso Ltd was approved after review of the proof of execution you uploaded",
            to: recipients
        )
        let head = message.rendered().text.components(separatedBy: "\r\n\r\n")[0]
        for line in head.components(separatedBy: "\r\n") {
            #expect(line.count <= 78, "\(line)")
        }
    }

    @Test func hasAPlainAndAnHTMLPart() throws {
        let mail = try ParsedMail(sampleMessage().rendered())
        let parts = try mail.parts()
        #expect(parts.count == 2)
        #expect(parts[0]["Content-Type"] == "text/plain; charset=utf-8")
        #expect(parts[1]["Content-Type"] == "text/html; charset=utf-8")
        #expect(parts.allSatisfy { $0["Content-Transfer-Encoding"] == "quoted-printable" })
        #expect(try parts[0].decodedBody() == "Hello,\r\nclaim C-1001 was filed.\r\n")
        #expect(try parts[1].decodedBody() == "<p>Hello,</p><p>claim C-1001 was filed.</p>")
    }

    @Test func sendsPlainTextAloneWithoutHTML() throws {
        let mail = try ParsedMail(sampleMessage(htmlBody: "").rendered())
        #expect(mail["Content-Type"] == "text/plain; charset=utf-8")
        #expect(mail["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(try mail.decodedBody() == "Hello,\r\nclaim C-1001 was filed.\r\n\r\n")
    }

    @Test func bodiesRoundTripThroughQuotedPrintable() throws {
        let text = String(repeating: "Proof of execution for Contoso = 100% ", count: 6) + "\n"
            + "Revisión de reclamación: ¿está todo bien? 😀\n"
            + "trailing space \n"
            + "trailing tab\t\n"
            + ".a line that starts with a dot\n"
            + "=3D is not an escape here\n"
        let html = "<p style=\"color: red\">\(String(repeating: "ñ", count: 100))</p>"
        let parts = try ParsedMail(sampleMessage(textBody: text, htmlBody: html).rendered()).parts()
        #expect(try parts[0].decodedBody() == text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try parts[1].decodedBody() == html)
    }

    @Test func encodesANonASCIISubject() throws {
        let message = sampleMessage(subject: "Revisión de reclamación")
        let mail = try ParsedMail(message.rendered())
        let subject = try #require(mail["Subject"])
        #expect(subject.hasPrefix("=?utf-8?B?"))
        #expect(EncodedWordDecoder.decode(subject) == "Revisión de reclamación")
    }

    @Test func foldsALongNonASCIISubjectIntoShortEncodedWords() throws {
        let long = String(repeating: "Revisión de reclamación — ", count: 5) + "fin"
        let rendered = sampleMessage(subject: long).rendered().text
        let subjectLines = rendered.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 1)
        #expect(subjectLines.allSatisfy { $0.count <= 78 })
        #expect(subjectLines.allSatisfy { line in line.split(separator: " ").filter { $0.hasPrefix("=?") }.allSatisfy { $0.count <= 75 } })
        #expect(EncodedWordDecoder.decode(try #require(ParsedMail(rendered)["Subject"])) == long)
    }

    @Test func crlfInSubjectCannotInjectAHeader() throws {
        let message = sampleMessage(subject: "Hello\r\nBcc: victim@evil.example\r\n\r\nbody")
        let mail = try ParsedMail(message.rendered())
        #expect(mail["Bcc"] == nil)
        #expect(mail["Subject"] == "Hello Bcc: victim@evil.example body")
        #expect(mail.all("Subject").count == 1)
    }

    @Test func crlfInNamesAddressesAndExtraHeadersCannotInjectAHeader() throws {
        var message = sampleMessage(to: [MailAddress(address: "a@b.example\r\nBcc: x@evil.example", name: "Eve\nBcc: y@evil.example")])
        message.from = MailAddress(address: "noreply@cpor.example", name: "CPOR\r\nX-Injected: 1")
        message.headers = [("X-CPOR-Claim", "C-1\r\nBcc: z@evil.example"), ("X-Bad\r\nBcc", "w@evil.example")]
        message.messageID = "<id@x>\r\nBcc: v@evil.example"
        let mail = try ParsedMail(message.rendered())
        #expect(mail["Bcc"] == nil)
        #expect(mail["X-Injected"] == nil)
        #expect(mail.fields.allSatisfy { !$0.name.contains(" ") })
        #expect(mail["X-CPOR-Claim"] == "C-1 Bcc: z@evil.example")
    }

    @Test func extraHeadersCannotReplaceTheMessagesOwn() throws {
        var message = sampleMessage()
        message.headers = [("Content-Type", "text/plain"), ("message-id", "<other@x>"), ("Reply-To", "claims@contoso.example")]
        let mail = try ParsedMail(message.rendered())
        #expect(mail.all("Content-Type").count == 1)
        #expect(mail["Content-Type"]?.hasPrefix("multipart/alternative") == true)
        #expect(mail.all("Message-ID") == ["<outbox-42.1767225600@cpor.localhost>"])
        #expect(mail["Reply-To"] == "claims@contoso.example")
    }

    @Test func encodesANonASCIIExtraHeaderValue() throws {
        var message = sampleMessage()
        message.headers = [("X-CPOR-Organization", "Compañía Ejemplo")]
        let value = try #require(ParsedMail(message.rendered())["X-CPOR-Organization"])
        #expect(value.hasPrefix("=?utf-8?B?"))
        #expect(EncodedWordDecoder.decode(value) == "Compañía Ejemplo")
    }

    @Test func boundaryNeverOccursInTheEncodedBodies() throws {
        let message = sampleMessage()
        // A body that quotes the boundary still cannot contain it once encoded: '=' is escaped.
        let hostile = sampleMessage(textBody: "--\(message.boundary)\n--\(message.boundary)--", htmlBody: message.boundary)
        let parts = try ParsedMail(hostile.rendered()).parts()
        #expect(parts.count == 2)
        #expect(try parts[0].decodedBody() == "--\(message.boundary)\r\n--\(message.boundary)--")
    }

    @Test func rendersTheSameBytesForARetry() {
        #expect(sampleMessage().rendered() == sampleMessage().rendered())
    }

    @Test func leavesLinesStartingWithADotAlone() {
        let rendered = sampleMessage(textBody: ".hidden\n..two\n").rendered().text
        #expect(rendered.contains("\r\n.hidden\r\n..two\r\n"))
    }

    @Test func comparesExtraHeadersInEquality() {
        var other = sampleMessage()
        #expect(other == sampleMessage())
        other.headers = [("X-CPOR-Claim", "C-1002")]
        #expect(other != sampleMessage())
    }
}
