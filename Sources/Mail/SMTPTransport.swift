import Foundation

/// Delivers through an SMTP server (RFC 5321): EHLO (HELO if refused), AUTH PLAIN when a
/// username is configured, one transaction per message, QUIT. No STARTTLS: point it at a
/// relay on the same host or network.
///
/// 4xx replies and network failures become `MailError.temporary`, 5xx replies and unusable
/// addresses `MailError.permanent`; the error text carries the server's reply.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    public func send(_ message: MailMessage) throws {
        try deliver(message)
    }

    private func deliver(_ message: MailMessage) throws(MailError) {
        guard message.from.isDeliverable else {
            throw .permanent("invalid sender address \"\(message.from.address)\"")
        }
        guard !message.to.isEmpty else { throw .permanent("message has no recipients") }
        if let bad = message.to.first(where: { !$0.isDeliverable }) {
            throw .permanent("invalid recipient address \"\(bad.address)\"")
        }
        let content = Self.dotStuffed(message.rendered())

        let connection = try SMTPConnection(host: configuration.host, port: configuration.port, timeout: configuration.timeout)
        do {
            try expect(connection.readReply(), [220], after: "connecting")
            let extensions = try greet(connection)
            if let username = configuration.username, !username.isEmpty {
                try authenticate(connection, username: username, extensions: extensions)
            }
            // A refused recipient ends the transaction before DATA: delivering to the others
            // now would make the retry send them the message a second time.
            try command("MAIL FROM:<\(message.from.address)>", on: connection, expecting: [250])
            for recipient in message.to {
                try command("RCPT TO:<\(recipient.address)>", on: connection, expecting: [250, 251])
            }
            try command("DATA", on: connection, expecting: [354])
            try connection.write(content + Array(".\r\n".utf8))
            try expect(connection.readReply(), [250], after: "sending the message")
        } catch {
            // Leave politely when the server is still listening; its answer no longer matters.
            try? connection.write("QUIT\r\n")
            throw error
        }
        // The message is accepted: a failing QUIT must not make the outbox send it again.
        try? connection.write("QUIT\r\n")
        _ = try? connection.readReply()
    }

    /// EHLO, or HELO from servers that refuse it. The EHLO keywords, empty after HELO.
    private func greet(_ connection: SMTPConnection) throws(MailError) -> [String] {
        let name = Self.heloName(configuration.heloName)
        try connection.write("EHLO \(name)\r\n")
        let reply = try connection.readReply()
        switch reply.code {
        case 250:
            return Array(reply.lines.dropFirst())
        case 500..<600:
            try command("HELO \(name)", on: connection, expecting: [250])
            return []
        default:
            try expect(reply, [250], after: "EHLO \(name)")
            return []
        }
    }

    /// AUTH PLAIN with the initial response (RFC 4954, RFC 4616).
    private func authenticate(_ connection: SMTPConnection, username: String, extensions: [String]) throws(MailError) {
        guard Self.offersPlainAuthentication(extensions) else {
            throw .permanent("a username is configured but \(configuration.host) does not offer AUTH PLAIN")
        }
        let credentials = Data([0] + Array(username.utf8) + [0] + Array((configuration.password ?? "").utf8))
        try connection.write("AUTH PLAIN \(credentials.base64EncodedString())\r\n")
        // The command is labelled without its argument: the credentials stay out of the error.
        try expect(connection.readReply(), [235], after: "AUTH PLAIN")
    }

    private func command(_ line: String, on connection: SMTPConnection, expecting codes: Set<Int>) throws(MailError) {
        try connection.write(line + "\r\n")
        try expect(connection.readReply(), codes, after: line)
    }

    private func expect(_ reply: SMTPReply, _ codes: Set<Int>, after step: String) throws(MailError) {
        guard !codes.contains(reply.code) else { return }
        let reason = "\(configuration.host) answered \(step) with \(reply.summary)"
        // Anything but a 5xx is worth another try, including codes that make no sense here.
        throw reply.isPermanentFailure ? .permanent(reason) : .temporary(reason)
    }

    static func offersPlainAuthentication(_ extensions: [String]) -> Bool {
        extensions.contains { line in
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" })
            return words.first == "AUTH" && words.dropFirst().contains("PLAIN")
        }
    }

    /// A domain-like HELO argument: no spaces or controls that would end the command.
    static func heloName(_ name: String) -> String {
        let cleaned = String(decoding: name.utf8.filter { $0 > 0x20 && $0 < 0x7F }, as: UTF8.self)
        return cleaned.isEmpty ? "localhost" : cleaned
    }

    /// The message ready for DATA: every line starting with '.' gets another '.' (RFC 5321
    /// §4.5.2), so no line of the message can end it early; it ends with CRLF so the final
    /// ".\r\n" stands on its own line.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { output.append(byte) }
            output.append(byte)
            atLineStart = byte == 0x0A
        }
        if !output.isEmpty && output.suffix(2) != [0x0D, 0x0A] { output += [0x0D, 0x0A] }
        return output
    }
}
