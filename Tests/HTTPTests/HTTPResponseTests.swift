import Testing
@testable import HTTP

@Suite struct HTTPResponseTests {
    private func head(_ response: HTTPResponse, keepAlive: Bool = true, version: String = "HTTP/1.1") -> String {
        String(decoding: response.encodedHead(keepAlive: keepAlive, requestVersion: version, date: "Sun, 06 Nov 1994 08:49:37 GMT"), as: UTF8.self)
    }

    @Test func buildsCommonResponses() {
        let text = HTTPResponse.text("hi", status: 404)
        #expect(text.status == 404)
        #expect(text.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(text.body == .bytes(Array("hi".utf8)))
        #expect(HTTPResponse.html("<p>").headers["Content-Type"] == "text/html; charset=utf-8")
        let redirect = HTTPResponse.redirect(to: "/claims/1")
        #expect(redirect.status == 303)
        #expect(redirect.headers["Location"] == "/claims/1")
    }

    @Test func encodesStatusLineDateAndLength() {
        let encoded = head(.text("hello"))
        #expect(encoded == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 5\r\n\r\n")
    }

    @Test func ownsFramingHeaders() {
        var response = HTTPResponse.text("hello")
        response.headers.add("Content-Length", "999")
        response.headers.add("Transfer-Encoding", "chunked")
        response.headers.add("Connection", "upgrade")
        let encoded = head(response, keepAlive: false)
        #expect(encoded.contains("Content-Length: 5\r\n"))
        #expect(!encoded.contains("999"))
        #expect(!encoded.contains("chunked"))
        #expect(encoded.contains("Connection: close\r\n"))
        #expect(head(response, version: "HTTP/1.0").contains("Connection: keep-alive\r\n"))
    }

    @Test func neutralisesHeaderInjection() {
        let response = HTTPResponse.redirect(to: "/x\r\nSet-Cookie: stolen=1")
        let encoded = head(response)
        #expect(encoded.contains("Location: /x  Set-Cookie: stolen=1\r\n"))
        #expect(!encoded.contains("\r\nSet-Cookie"))
    }

    @Test func omitsLengthWhereContentIsForbidden() {
        #expect(!head(HTTPResponse(status: 204)).contains("Content-Length"))
        #expect(head(HTTPResponse(status: 303)).contains("Content-Length: 0\r\n"))
    }

    @Test func answersAnImpossibleStatusWith500() {
        #expect(head(HTTPResponse(status: 1000)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test func writesLengthsOfAnySizeAndValuesByteForByte() {
        for length in [0, 7, 10, 99, 100, 4096, 1_234_567] {
            let response = HTTPResponse(status: .ok, body: .bytes(Array(repeating: 0x61, count: length)))
            #expect(head(response).contains("\r\nContent-Length: \(length)\r\n"), "\(length)")
        }
        var response = HTTPResponse(status: .ok)
        response.headers.add("Content-Disposition", "attachment; filename*=UTF-8''caf\u{E9}\u{0}.pdf")
        #expect(head(response).contains("Content-Disposition: attachment; filename*=UTF-8''caf\u{E9} .pdf\r\n"))
    }

    @Test func appendsTheHeadAfterWhatIsQueued() {
        var bytes = Array("queued".utf8)
        HTTPResponse.text("x").appendHead(to: &bytes, keepAlive: true, requestVersion: "HTTP/1.1", date: "D")
        #expect(String(decoding: bytes, as: UTF8.self) == "queuedHTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: D\r\nContent-Length: 1\r\n\r\n")
    }
}
