/// A validated request line and header section.
public struct HTTPRequestHead: Sendable, Equatable {
    public enum Framing: Sendable, Equatable {
        case none
        case contentLength(Int)
        case chunked
    }

    public var method: HTTPMethod
    public var target: String
    public var version: String
    public var headers: HTTPHeaders
    public var framing: Framing

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3).
    public var keepAlive: Bool {
        let connection = headers.tokens("Connection")
        if connection.contains("close") { return false }
        return version == "HTTP/1.0" ? connection.contains("keep-alive") : true
    }

    /// True when the client waits for `100 Continue` before sending the body it announced.
    public var expectsContinue: Bool {
        guard version != "HTTP/1.0", framing != .none, framing != .contentLength(0) else { return false }
        return headers["Expect"].map { $0.trimmingOWS().lowercasedASCII() == "100-continue" } ?? false
    }
}

extension HTTPRequest {
    public init(head: HTTPRequestHead, body: HTTPBody, remoteAddress: String = "") {
        self.init(
            method: head.method,
            target: head.target,
            version: head.version,
            headers: head.headers,
            body: body,
            remoteAddress: remoteAddress
        )
    }
}
