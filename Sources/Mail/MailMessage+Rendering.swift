/// The message as RFC 5322 / MIME text: CRLF line endings, 7-bit clean, no line over 998.
extension MailMessage {
    /// Header fields this type writes itself; an extra header by one of these names would
    /// contradict them.
    static let ownFieldNames: Set<String> = [
        "date", "from", "to", "subject", "message-id", "mime-version", "content-type", "content-transfer-encoding",
    ]

    public func rendered() -> [UInt8] {
        var head = HeaderText.field("Date", MailDate.header(date))
        head += HeaderText.field("From", from.headerText)
        head += HeaderText.field("To", to.isEmpty ? "undisclosed-recipients:;" : to.map(\.headerText).joined(separator: ", "))
        head += HeaderText.field("Subject", HeaderText.unstructured(subject))
        let id = Self.messageIDField(messageID)
        if !id.isEmpty { head += HeaderText.field("Message-ID", id) }
        head += HeaderText.field("MIME-Version", "1.0")
        for (name, value) in headers {
            let field = HeaderText.fieldName(name)
            guard !field.isEmpty, !Self.ownFieldNames.contains(field.lowercased()) else { continue }
            head += HeaderText.field(field, HeaderText.unstructured(value))
        }

        // One buffer for the whole message: the bodies are encoded straight into it.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + 512 + (textBody.utf8.count + htmlBody.utf8.count) * 9 / 8)
        if htmlBody.isEmpty {
            head += Self.partHeaders(type: "text/plain")
            bytes += head.utf8
            bytes += "\r\n".utf8
            QuotedPrintable.encode(textBody, into: &bytes)
            bytes += "\r\n".utf8
            return bytes
        }
        let boundary = self.boundary
        head += HeaderText.field("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        bytes += head.utf8
        for (type, body) in [("text/plain", textBody), ("text/html", htmlBody)] {
            bytes += "\r\n--\(boundary)\r\n".utf8
            bytes += Self.partHeaders(type: type).utf8
            bytes += "\r\n".utf8
            QuotedPrintable.encode(body, into: &bytes)
        }
        bytes += "\r\n--\(boundary)--\r\n".utf8
        return bytes
    }

    /// Derived from the message ID so a retry renders the same bytes. "=_" can never occur in
    /// quoted-printable output (there '=' is followed by a hex digit or CRLF), so the boundary
    /// cannot collide with a body whatever it says.
    var boundary: String {
        "=_cpor_" + FNV1a.hex(messageID)
    }

    /// The ID in angle brackets with anything that could break the field removed.
    static func messageIDField(_ id: String) -> String {
        let core = id.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }
        return core.isEmpty ? "" : "<\(String(String.UnicodeScalarView(core)))>"
    }

    private static func partHeaders(type: String) -> String {
        HeaderText.field("Content-Type", "\(type); charset=utf-8")
            + HeaderText.field("Content-Transfer-Encoding", "quoted-printable")
    }
}
