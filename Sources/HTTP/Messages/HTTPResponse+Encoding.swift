// Serialising the status line and header section for the wire.
extension HTTPResponse {
    /// The response head. The server owns framing, so any `Content-Length`, `Transfer-Encoding`
    /// or `Connection` set by the application is replaced; values are stripped of CR, LF and NUL
    /// so a header built from user input cannot split the response.
    func encodedHead(keepAlive: Bool, requestVersion: String, date: String) -> [UInt8] {
        var head: [UInt8] = []
        appendHead(to: &head, keepAlive: keepAlive, requestVersion: requestVersion, date: date)
        return head
    }

    /// `encodedHead`, written straight after what `bytes` holds: a connection's output buffer,
    /// with no string built on the way.
    func appendHead(to bytes: inout [UInt8], keepAlive: Bool, requestVersion: String, date: String) {
        let status = (100...999).contains(status.code) ? status : .internalServerError
        bytes.reserveCapacity(bytes.count + 256 + headers.count * 64)
        Self.append("HTTP/1.1 ", to: &bytes)
        Self.appendDecimal(status.code, to: &bytes)
        bytes.append(ASCII.space)
        Self.append(status.reasonPhrase, to: &bytes)
        Self.endLine(&bytes)
        var hasDate = false
        for (name, value) in headers {
            // Only a name of the length of one the server owns can be one.
            switch name.utf8.count {
            case 10, 14, 17:
                if HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Transfer-Encoding")
                    || HTTPHeaders.namesMatch(name, "Connection") {
                    continue
                }
            default: break
            }
            guard !name.isEmpty,
                  name.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(ASCII.isTokenChar) })
                    ?? name.utf8.allSatisfy(ASCII.isTokenChar) else { continue }
            if name.utf8.count == 4 && HTTPHeaders.namesMatch(name, "Date") { hasDate = true }
            Self.append(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(ASCII.space)
            let valueStart = bytes.count
            Self.append(value, to: &bytes)
            for index in valueStart..<bytes.count where bytes[index] == ASCII.cr || bytes[index] == ASCII.lf || bytes[index] == 0 {
                bytes[index] = ASCII.space
            }
            Self.endLine(&bytes)
        }
        if !hasDate {
            Self.append("Date: ", to: &bytes)
            Self.append(date, to: &bytes)
            Self.endLine(&bytes)
        }
        if !status.forbidsContent {
            Self.append("Content-Length: ", to: &bytes)
            Self.appendDecimal(body.count, to: &bytes)
            Self.endLine(&bytes)
        }
        if !keepAlive {
            Self.append("Connection: close\r\n", to: &bytes)
        } else if requestVersion == "HTTP/1.0" {
            Self.append("Connection: keep-alive\r\n", to: &bytes)
        }
        Self.endLine(&bytes)
    }

    /// `text`'s UTF-8, copied whole when the string holds it contiguously (as native strings do).
    private static func append(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    private static func endLine(_ bytes: inout [UInt8]) {
        bytes.append(ASCII.cr)
        bytes.append(ASCII.lf)
    }

    /// `value` (not negative) in decimal digits.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Whether the application asked for the connection to close after this response.
    var asksToClose: Bool {
        headers.tokens("Connection").contains("close")
    }
}
