/// A complete request as handed to the application.
public struct HTTPRequest: Sendable {
    /// As sent, e.g. `GET`; methods are case-sensitive.
    public var method: HTTPMethod
    /// The raw request-target.
    public var target: String
    /// The raw, still percent-encoded path of `target`, before any `?`.
    public var path: String
    /// The raw query after `?`, or "" when there is none.
    public var query: String
    public var version: String
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// "address:port" of the peer, or "" for requests built in process.
    public var remoteAddress: String

    public init(
        method: HTTPMethod,
        target: String,
        version: String = "HTTP/1.1",
        headers: HTTPHeaders = .init(),
        body: HTTPBody = .empty,
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        (self.path, self.query) = Self.split(target: target)
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Splits origin-form ("/a?b") and absolute-form ("http://host/a?b") targets into path and query.
    static func split(target: String) -> (path: String, query: String) {
        splitASCIIOriginForm(target) ?? splitAnyForm(target)
    }

    static func splitAnyForm(_ target: String) -> (path: String, query: String) {
        var rest = Substring(target)
        if let schemeEnd = rest.firstRange(of: "://"), !rest.hasPrefix("/") {
            rest = rest[schemeEnd.upperBound...]
            if let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                rest = rest[pathStart...]
            } else {
                rest = ""
            }
            if !rest.hasPrefix("/") { rest = "/" + rest }
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        guard let mark = rest.firstIndex(of: "?") else { return (String(rest), "") }
        return (String(rest[..<mark]), String(rest[rest.index(after: mark)...]))
    }

    /// `split` for an origin-form target of ASCII only (every target from the wire): the same
    /// answer, found by a byte scan instead of a Character search, which runs grapheme breaking.
    /// In ASCII only CR LF is a character of two scalars, so `#` and `?` are found alike. Nil for
    /// any other target.
    static func splitASCIIOriginForm(_ target: String) -> (path: String, query: String)? {
        var target = target
        return target.withUTF8 { bytes in
            guard bytes.first == UInt8(ascii: "/"), bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            guard let mark = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) else {
                return (String(decoding: bytes[..<end], as: UTF8.self), "")
            }
            return (String(decoding: bytes[..<mark], as: UTF8.self), String(decoding: bytes[(mark + 1)..<end], as: UTF8.self))
        }
    }
}
