/// A response from the application. The server adds `Date`, `Content-Length` and `Connection`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: HTTPResponseBody
    /// Who the request came from, for the access log only (an opaque id, never sent): the
    /// application names the signed-in user here, so a log line says whose request it was.
    public var loggedUser: String?

    public init(status: HTTPStatus, headers: HTTPHeaders = .init(), body: HTTPResponseBody = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func text(_ string: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: .bytes(Array(string.utf8))
        )
    }

    public static func html(_ string: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "text/html; charset=utf-8"],
            body: .bytes(Array(string.utf8))
        )
    }

    /// 303 by default, so a POST is followed by a GET (post/redirect/get).
    public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Location": location])
    }

    /// Streams the file at `path` of `length` bytes with the given content type.
    public static func file(path: String, length: Int, contentType: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: .file(path: path, length: length))
    }
}
