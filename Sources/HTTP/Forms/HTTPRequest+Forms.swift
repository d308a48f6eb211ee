// Decoding of the request parts that carry user input: cookies, query string and form body.
extension HTTPRequest {
    /// Cookies from every `Cookie` header; the first occurrence of a name wins, as browsers send
    /// the most specific cookie first (RFC 6265 §5.4).
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingOWS()
                guard !name.isEmpty, parts.count == 2 else { continue }
                var value = parts[1].trimmingOWS()
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                if cookies[name] == nil { cookies[name] = value }
            }
        }
        return cookies
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
