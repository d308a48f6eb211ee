// Validation of the request line and header section (RFC 9112 §3, §5, §6).
extension HTTPRequestParser {
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (method: String, target: String, version: String) {
        let parts = line.split(separator: ASCII.space, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .badRequest("malformed request line") }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        guard !method.isEmpty, method.allSatisfy(ASCII.isTokenChar) else {
            throw .badRequest("invalid method")
        }
        guard !target.isEmpty, target.allSatisfy(ASCII.isVisible) else {
            throw .badRequest("invalid request target")
        }
        let versionText = try parseVersion(version)
        let methodText = String(decoding: method, as: UTF8.self)
        let targetText = String(decoding: target, as: UTF8.self)
        try validateTargetForm(targetText, method: methodText)
        return (methodText, targetText, versionText)
    }

    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> String {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8),
              ASCII.isDigit(text[5]), text[6] == UInt8(ascii: "."), ASCII.isDigit(text[7]) else {
            throw .badRequest("invalid HTTP version")
        }
        guard text[5] == UInt8(ascii: "1") else { throw .versionNotSupported }
        return String(decoding: text, as: UTF8.self)
    }

    /// Accepts origin-form, absolute-form and `OPTIONS *`; CONNECT's authority-form is not served.
    private static func validateTargetForm(_ target: String, method: String) throws(HTTPParseError) {
        if target.hasPrefix("/") { return }
        if target == "*" {
            guard method == "OPTIONS" else { throw .badRequest("asterisk target is only valid for OPTIONS") }
            return
        }
        let lower = target.lowercasedASCII()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return }
        throw .badRequest("unsupported request target form")
    }

    static func parseFieldLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first else { throw .badRequest("empty field line") }
        if first == ASCII.space || first == ASCII.tab {
            throw .badRequest("obsolete line folding")
        }
        guard let colon = line.firstIndex(of: ASCII.colon) else {
            throw .badRequest("field line without colon")
        }
        let name = line[line.startIndex..<colon]
        // Whitespace before the colon fails this check too, as RFC 9112 §5.1 requires.
        guard !name.isEmpty, name.allSatisfy(ASCII.isTokenChar) else {
            throw .badRequest("invalid field name")
        }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == ASCII.space || byte == ASCII.tab { value.removeFirst() }
        while let byte = value.last, byte == ASCII.space || byte == ASCII.tab { value.removeLast() }
        guard value.allSatisfy(ASCII.isFieldValueChar) else {
            throw .badRequest("invalid character in field value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// How the body is delimited. Anything two parties could read differently is refused (RFC 9112 §6.3).
    static func framing(of headers: HTTPHeaders, version: String, limits: HTTPParserLimits) throws(HTTPParseError) -> HTTPRequestHead.Framing {
        let hosts = headers.values("Host")
        if hosts.count > 1 { throw .badRequest("more than one Host field") }
        if hosts.isEmpty && version != "HTTP/1.0" { throw .badRequest("missing Host field") }

        let hasTransferEncoding = headers.contains("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if hasTransferEncoding {
            guard lengths.isEmpty else { throw .badRequest("both Content-Length and Transfer-Encoding") }
            guard version != "HTTP/1.0" else { throw .badRequest("Transfer-Encoding in HTTP/1.0") }
            guard headers.tokens("Transfer-Encoding") == ["chunked"] else {
                throw .badRequest("unsupported Transfer-Encoding")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var declared: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let length = try parseContentLength(element.trimmingOWS())
            if let declared, declared != length { throw .badRequest("conflicting Content-Length") }
            declared = length
        }
        guard let declared else { throw .badRequest("invalid Content-Length") }
        if declared > limits.maxBodyBytes { throw .bodyTooLarge }
        return .contentLength(declared)
    }

    private static func parseContentLength(_ text: String) throws(HTTPParseError) -> Int {
        guard !text.isEmpty else { throw .badRequest("invalid Content-Length") }
        var value = 0
        for byte in text.utf8 {
            guard ASCII.isDigit(byte) else { throw .badRequest("invalid Content-Length") }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { throw .badRequest("Content-Length overflows") }
            value = sum
        }
        return value
    }
}
