/// Why a request could not be accepted, with the status to answer before closing the connection.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    /// A short explanation that is safe to show the client.
    public var reason: String

    public init(status: Int, reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status) \(reason)" }

    static func badRequest(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 400, reason: reason)
    }

    static let requestLineTooLong = HTTPParseError(status: 414, reason: "request line too long")
    static let headersTooLarge = HTTPParseError(status: 431, reason: "header section too large")
    static let tooManyHeaders = HTTPParseError(status: 431, reason: "too many header fields")
    static let bodyTooLarge = HTTPParseError(status: 413, reason: "request body too large")
    static let versionNotSupported = HTTPParseError(status: 505, reason: "only HTTP/1.x is supported")
}
