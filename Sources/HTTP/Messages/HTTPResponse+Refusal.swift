// The answers the server writes on its own.
extension HTTPResponse {
    /// An answer the server writes before any application code runs (a request it cannot parse,
    /// one too large or too slow, a client over its connection cap), so it carries the security
    /// headers the application adds to everything else. The connection closes after it.
    static func refusal(_ status: HTTPStatus, reason: String) -> HTTPResponse {
        var response = HTTPResponse.text("\(status.reasonPhrase): \(reason)\n", status: status)
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("X-Frame-Options", "DENY")
        response.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Referrer-Policy", "no-referrer")
        response.headers.set("Connection", "close")
        return response
    }

    /// The whole response on the wire, for one written straight to a socket the server is
    /// about to close.
    func encodedForClosing(date: String) -> [UInt8] {
        var bytes = encodedHead(keepAlive: false, requestVersion: "HTTP/1.1", date: date)
        if case .bytes(let body) = body, !status.forbidsContent { bytes += body }
        return bytes
    }
}
