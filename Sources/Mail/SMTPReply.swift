/// One server reply: a three-digit code and the text of each of its lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// 5xx: the server will refuse this again (RFC 5321 §4.2.1).
    var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// "550 5.1.1 No such user", continuation lines joined by spaces, for errors and logs.
    var summary: String {
        ([String(code)] + lines.filter { !$0.isEmpty }).joined(separator: " ")
    }
}
