/// Why a request could not be accepted, with the status to answer before closing the connection.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A short explanation that is safe to show the client.
    public var reason: String

    public init(status: HTTPStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status.code) \(reason)" }

    static func badRequest(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: .badRequest, reason: reason)
    }

    static let requestLineTooLong = HTTPParseError(status: .uriTooLong, reason: "request line too long")
    static let headersTooLarge = HTTPParseError(status: .requestHeaderFieldsTooLarge, reason: "header section too large")
    static let tooManyHeaders = HTTPParseError(status: .requestHeaderFieldsTooLarge, reason: "too many header fields")
    static let bodyTooLarge = HTTPParseError(status: .contentTooLarge, reason: "request body too large")
    static let versionNotSupported = HTTPParseError(status: .httpVersionNotSupported, reason: "only HTTP/1.x is supported")
}
