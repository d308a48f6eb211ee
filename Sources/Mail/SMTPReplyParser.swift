/// Splits the bytes a server sends into replies. Pure, so the grammar is tested without sockets.
///
/// A reply is one or more lines "250-text" ending with "250 text" (or a bare "250"); every line
/// carries the same code (RFC 5321 §4.2).
struct SMTPReplyParser {
    /// RFC 5321 allows 512 octets per reply line; more than this is not an SMTP server.
    static let maximumLineLength = 4096
    /// Long EHLO answers run to a few dozen lines.
    static let maximumLines = 256

    private var buffer: [UInt8] = []
    private var code: Int?
    private var lines: [String] = []

    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer += bytes
    }

    /// The next complete reply, or nil until more bytes arrive.
    mutating func nextReply() throws(MailError) -> SMTPReply? {
        while let newline = buffer.firstIndex(of: 0x0A) {
            var line = buffer[..<newline]
            if line.last == 0x0D { line = line.dropLast() }
            buffer.removeSubrange(...newline)
            if let reply = try take(Array(line)) { return reply }
        }
        guard buffer.count <= Self.maximumLineLength else {
            throw .temporary("server sent a reply line longer than \(Self.maximumLineLength) bytes")
        }
        return nil
    }

    private mutating func take(_ line: [UInt8]) throws(MailError) -> SMTPReply? {
        let text = String(decoding: line, as: UTF8.self)
        guard line.count >= 3, line.count <= Self.maximumLineLength,
              line[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-"),
              let lineCode = Int(String(decoding: line[0...2], as: UTF8.self))
        else {
            throw .temporary("malformed reply from server: \(text.prefix(200))")
        }
        if let code, code != lineCode {
            throw .temporary("reply changed code from \(code) to \(lineCode) mid-reply: \(text.prefix(200))")
        }
        code = lineCode
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maximumLines else {
            throw .temporary("server sent a reply of more than \(Self.maximumLines) lines")
        }
        if line.count > 3 && line[3] == UInt8(ascii: "-") { return nil }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
