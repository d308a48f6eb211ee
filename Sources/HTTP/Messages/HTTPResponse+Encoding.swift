// Serialising the status line and header section for the wire.
extension HTTPResponse {
    /// The response head. The server owns framing, so any `Content-Length`, `Transfer-Encoding`
    /// or `Connection` set by the application is replaced; values are stripped of CR, LF and NUL
    /// so a header built from user input cannot split the response.
    func encodedHead(keepAlive: Bool, requestVersion: String, date: String) -> [UInt8] {
        let status = (100...999).contains(status.code) ? status : .internalServerError
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        var hasDate = false
        for (name, value) in headers {
            if HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Transfer-Encoding")
                || HTTPHeaders.namesMatch(name, "Connection") {
                continue
            }
            guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isTokenChar) else { continue }
            if HTTPHeaders.namesMatch(name, "Date") { hasDate = true }
            head += "\(name): \(Self.sanitized(value))\r\n"
        }
        if !hasDate { head += "Date: \(date)\r\n" }
        if !status.forbidsContent {
            head += "Content-Length: \(body.count)\r\n"
        }
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if requestVersion == "HTTP/1.0" {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        return Array(head.utf8)
    }

    /// Whether the application asked for the connection to close after this response.
    var asksToClose: Bool {
        headers.tokens("Connection").contains("close")
    }

    private static func sanitized(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == ASCII.cr || $0 == ASCII.lf || $0 == 0 }) else { return value }
        return String(decoding: value.utf8.map { $0 == ASCII.cr || $0 == ASCII.lf || $0 == 0 ? ASCII.space : $0 }, as: UTF8.self)
    }
}
