import Testing
@testable import HTTP

/// Feeds `text` in one buffer and returns the requests it completes.
private func parse(_ text: String, limits: HTTPParserLimits = .init()) throws(HTTPParseError) -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits)
    parser.feed(Array(text.utf8))
    var requests: [HTTPRequest] = []
    while let request = try parser.nextRequest() { requests.append(request) }
    return requests
}

/// The status the parser refuses `text` with, or nil if it accepts it.
private func refusal(_ text: String, limits: HTTPParserLimits = .init()) -> HTTPStatus? {
    refusal(bytes: Array(text.utf8), limits: limits)
}

private func refusal(bytes: [UInt8], limits: HTTPParserLimits = .init()) -> HTTPStatus? {
    var parser = HTTPRequestParser(limits: limits)
    parser.feed(bytes)
    do {
        while try parser.nextRequest() != nil {}
        return nil
    } catch {
        return error.status
    }
}

@Suite struct HTTPRequestParserTests {
    @Test func parsesSimpleGet() throws {
        let requests = try parse("GET /claims/42?tab=notes HTTP/1.1\r\nHost: example.com\r\nAccept: text/html\r\n\r\n")
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/claims/42?tab=notes")
        #expect(request.path == "/claims/42")
        #expect(request.query == "tab=notes")
        #expect(request.version == "HTTP/1.1")
        #expect(request.headers["host"] == "example.com")
        #expect(request.body == .empty)
    }

    @Test func parsesPostWithContentLength() throws {
        let requests = try parse("POST /submit HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world")
        #expect(requests.first?.method == "POST")
        #expect(requests.first?.body == .bytes(Array("hello world".utf8)))
    }

    @Test func parsesChunkedBodyIgnoringExtensionsAndTrailers() throws {
        let text = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; a ; b = \"q \\\" d\" ;c=tok\r\n world\r\n0\r\nX-Checksum: abc\r\n\r\n"
        let requests = try parse(text)
        #expect(requests.count == 1)
        #expect(requests.first?.body == .bytes(Array("hello world".utf8)))
        #expect(requests.first?.headers["X-Checksum"] == nil)
    }

    @Test func parsesPipelinedRequestsInOrder() throws {
        let requests = try parse("GET /one HTTP/1.1\r\nHost: a\r\n\r\nPOST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /three HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(requests.map(\.path) == ["/one", "/two", "/three"])
        #expect(requests[1].body == .bytes(Array("abc".utf8)))
    }

    @Test func parsesRequestFedOneByteAtATime() throws {
        let text = "POST /slow?x=1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        var parser = HTTPRequestParser()
        var requests: [HTTPRequest] = []
        for byte in text.utf8 {
            parser.feed([byte])
            while let request = try parser.nextRequest() { requests.append(request) }
        }
        #expect(requests.count == 1)
        #expect(requests.first?.query == "x=1")
        #expect(requests.first?.body == .bytes(Array("abc".utf8)))
        #expect(parser.isBetweenRequests)
    }

    @Test func yieldsHeadBeforeBodyArrives() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("PUT /f HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n".utf8))
        guard case .head(let head) = try parser.nextPart() else {
            Issue.record("expected a head")
            return
        }
        #expect(head.expectsContinue)
        #expect(head.framing == .contentLength(4))
        #expect(try parser.nextPart() == nil)
        parser.feed(Array("ab".utf8))
        #expect(try parser.nextPart() == .body(Array("ab".utf8)))
        parser.feed(Array("cd".utf8))
        #expect(try parser.nextPart() == .body(Array("cd".utf8)))
        #expect(try parser.nextPart() == .end)
    }

    @Test func ignoresEmptyLinesBeforeRequestLine() throws {
        #expect(try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").count == 1)
    }

    @Test func acceptsHTTP10WithoutHostAndAbsoluteForm() throws {
        #expect(try parse("GET / HTTP/1.0\r\n\r\n").first?.version == "HTTP/1.0")
        let absolute = try parse("GET http://example.com/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(absolute.first?.path == "/a/b")
        #expect(absolute.first?.query == "c=d")
    }

    @Test func trimsFieldValueWhitespace() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost:a\r\nX-Name: \t spaced value \t\r\n\r\n").first)
        #expect(request.headers["X-Name"] == "spaced value")
        #expect(request.headers["Host"] == "a")
    }

    @Test func decidesKeepAlive() throws {
        func head(_ text: String) throws -> HTTPRequestHead {
            var parser = HTTPRequestParser()
            parser.feed(Array(text.utf8))
            guard case .head(let head) = try parser.nextPart() else { throw HTTPParseError.badRequest("no head") }
            return head
        }
        #expect(try head("GET / HTTP/1.1\r\nHost: a\r\n\r\n").keepAlive)
        #expect(try !head("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n").keepAlive)
        #expect(try !head("GET / HTTP/1.0\r\n\r\n").keepAlive)
        #expect(try head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive)
    }

    // MARK: Limits

    @Test func refusesLongRequestLineWith414() {
        let long = "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(refusal(long) == 414)
        // Also before the line ends, so the buffer cannot grow without bound.
        #expect(refusal("GET /" + String(repeating: "a", count: 9000)) == 414)
    }

    @Test func refusesLargeHeaderSectionWith431() {
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 33 * 1024) + "\r\n\r\n"
        #expect(refusal(big) == 431)
        let many = (0..<40).map { "X-F\($0): " + String(repeating: "v", count: 1000) + "\r\n" }.joined()
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n") == 431)
    }

    @Test func refusesTooManyHeaderFieldsWith431() {
        let fields = (0..<101).map { "X-F\($0): v\r\n" }.joined()
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n") == 431)
        let allowed = (0..<99).map { "X-F\($0): v\r\n" }.joined()
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\n" + allowed + "\r\n") == nil)
    }

    @Test func refusesOversizedBodiesWith413() {
        let limits = HTTPParserLimits(maxBodyBytes: 10)
        #expect(refusal("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == 413)
        #expect(refusal("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits) == nil)
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n"
        #expect(refusal(chunked, limits: limits) == 413)
    }

    @Test func refusesLargeTrailerSectionWith431() {
        let limits = HTTPParserLimits(maxHeaderBytes: 100)
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: " + String(repeating: "t", count: 200) + "\r\n\r\n"
        #expect(refusal(text, limits: limits) == 431)
    }

    // MARK: Smuggling defences

    @Test(arguments: [
        ("both lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
        ("different lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
        ("length list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n"),
        ("non-numeric length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n"),
        ("negative length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
        ("signed length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n"),
        ("empty length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n"),
        ("overflowing length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
        ("gzip coding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"),
        ("chunked not final", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
        ("chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
        ("chunked with junk", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n"),
        ("chunked in 1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("invalid chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        ("empty chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n"),
        ("chunk size junk", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n"),
        ("chunk extension without a name", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;\r\nab\r\n0\r\n\r\n"),
        ("chunk extension bad value", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;a=b c\r\nab\r\n0\r\n\r\n"),
        ("chunk extension open quote", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;a=\"b\r\nab\r\n0\r\n\r\n"),
        ("overflowing chunk", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n"),
        ("chunk without CRLF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"),
        ("bare CR in request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("bare CR in field", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n"),
        ("bare LF", "GET / HTTP/1.1\nHost: a\r\n\r\n"),
        ("NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n"),
        ("NUL in target", "GET /\u{0} HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n  folded\r\n\r\n"),
        ("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
        ("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n"),
        ("bad field name", "GET / HTTP/1.1\r\nHost: a\r\nX(y): 1\r\n\r\n"),
        ("empty field name", "GET / HTTP/1.1\r\nHost: a\r\n: 1\r\n\r\n"),
        ("no colon", "GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n"),
        ("bad method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("double space", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("missing version", "GET /\r\nHost: a\r\n\r\n"),
        ("bad version", "GET / HTTX/1.1\r\nHost: a\r\n\r\n"),
        ("short version", "GET / HTTP/1\r\nHost: a\r\n\r\n"),
        ("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
        ("missing host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"),
        ("two hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        ("relative target", "GET foo HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("asterisk for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
    ])
    func refusesAmbiguousRequestsWith400(_ name: String, _ text: String) {
        #expect(refusal(text) == 400, "\(name)")
    }

    @Test func refusesOtherMajorVersionsWith505() {
        #expect(refusal("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505)
    }

    @Test func acceptsRepeatedIdenticalContentLength() throws {
        let requests = try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
        #expect(requests.first?.body == .bytes(Array("abc".utf8)))
    }

    @Test func keepsFailingAfterAnError() {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.nextPart() }
        parser.feed(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.nextPart() }
    }

    @Test func waitsForLFAfterTrailingCR() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r".utf8))
        #expect(try parser.nextPart() == nil)
        parser.feed(Array("\nHost: a\r\n\r\n".utf8))
        #expect(try parser.nextRequest()?.path == "/")
    }
}
