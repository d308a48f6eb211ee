import HTTP

enum HTTPRequestFixture {
    static func get(_ target: String) -> HTTPRequest {
        HTTPRequest(method: "GET", target: target, headers: HTTPHeaders([("Host", "localhost")]))
    }
}
