import Testing
@testable import Mail

@Suite struct SMTPReplyParserTests {
    @Test func readsASingleLineReply() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("220 mail.example ESMTP\r\n".utf8))
        #expect(try parser.nextReply() == SMTPReply(code: 220, lines: ["mail.example ESMTP"]))
        #expect(try parser.nextReply() == nil)
    }

    @Test func readsAMultiLineReplyUpToTheLineWithASpace() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("250-mail.example\r\n250-AUTH LOGIN PLAIN\r\n".utf8))
        #expect(try parser.nextReply() == nil)
        parser.append(Array("250 8BITMIME\r\n354 next".utf8))
        #expect(try parser.nextReply() == SMTPReply(code: 250, lines: ["mail.example", "AUTH LOGIN PLAIN", "8BITMIME"]))
        #expect(try parser.nextReply() == nil)
        parser.append(Array("\r\n".utf8))
        #expect(try parser.nextReply()?.code == 354)
    }

    @Test func acceptsBareLFAndABareCode() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("250\n".utf8))
        #expect(try parser.nextReply() == SMTPReply(code: 250, lines: [""]))
    }

    @Test func rejectsWhatIsNotAReply() {
        var parser = SMTPReplyParser()
        parser.append(Array("HTTP/1.1 400 Bad Request\r\n".utf8))
        #expect(throws: MailError.self) { try parser.nextReply() }
    }

    @Test func rejectsACodeThatChangesMidReply() {
        var parser = SMTPReplyParser()
        parser.append(Array("250-first\r\n550 second\r\n".utf8))
        #expect(throws: MailError.self) { try parser.nextReply() }
    }

    @Test func capsTheLineLength() {
        var parser = SMTPReplyParser()
        parser.append([UInt8](repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1))
        #expect(throws: MailError.self) { try parser.nextReply() }
    }

    @Test func summarizesForErrorMessages() {
        #expect(SMTPReply(code: 550, lines: ["5.1.1 <x@y>: Recipient address rejected"]).summary == "550 5.1.1 <x@y>: Recipient address rejected")
    }
}
