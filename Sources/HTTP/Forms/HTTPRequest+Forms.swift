// Decoding of the request parts that carry user input: cookies, query string and form body.
extension HTTPRequest {
    /// Cookies from every `Cookie` header; the first occurrence of a name wins, as browsers send
    /// the most specific cookie first (RFC 6265 §5.4).
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values("Cookie") {
            // Split as bytes: every separator is ASCII, and a request may carry a long Cookie header.
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let name = Self.trimmedOWS(pair[..<equals])
                guard !name.isEmpty else { continue }
                var value = Self.trimmedOWS(pair[pair.index(after: equals)...])
                if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                    value = value.dropFirst().dropLast()
                }
                let key = String(decoding: name, as: UTF8.self)
                if cookies[key] == nil { cookies[key] = String(decoding: value, as: UTF8.self) }
            }
        }
        return cookies
    }

    /// `bytes` without leading and trailing spaces and tabs (optional whitespace).
    private static func trimmedOWS(_ bytes: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
        var bytes = bytes
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes = bytes.dropLast() }
        return bytes
    }

    /// The query string decoded as `application/x-www-form-urlencoded`.
    public var queryItems: [(String, String)] {
        FormURLEncoded.decode(query)
    }

    /// The first query value for `name`.
    public func queryItem(_ name: String) -> String? {
        queryItems.first { $0.0 == name }?.1
    }

    /// The body decoded as `application/x-www-form-urlencoded`. Throws only when a spooled body
    /// cannot be read back from disk.
    public func formFields() throws -> [(String, String)] {
        let bytes = try body.readAll()
        return FormURLEncoded.decode(String(decoding: bytes, as: UTF8.self))
    }
}
