/// A request method (RFC 9110 §9). Methods are case-sensitive: "get" is not `GET`, so the value
/// is kept exactly as sent. A string literal is a method, so `request.method == "POST"` reads as before.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.init(rawValue: name) }
    public init(stringLiteral name: String) { self.init(rawValue: name) }

    public var description: String { rawValue }

    public static let get: HTTPMethod = "GET"
    public static let head: HTTPMethod = "HEAD"
    public static let post: HTTPMethod = "POST"
    public static let put: HTTPMethod = "PUT"
    public static let delete: HTTPMethod = "DELETE"
    public static let connect: HTTPMethod = "CONNECT"
    public static let options: HTTPMethod = "OPTIONS"
    public static let trace: HTTPMethod = "TRACE"
    public static let patch: HTTPMethod = "PATCH"
}
