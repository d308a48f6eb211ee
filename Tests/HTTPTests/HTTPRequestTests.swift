import Foundation
import Testing
import TestSupport
@testable import HTTP

@Suite struct HTTPRequestTests {
    @Test func splitsTargetIntoPathAndQuery() {
        let request = HTTPRequest(method: "GET", target: "/claims/a%20b?sort=date&page=2")
        #expect(request.path == "/claims/a%20b")
        #expect(request.query == "sort=date&page=2")
        #expect(HTTPRequest(method: "GET", target: "/plain").query == "")
        #expect(HTTPRequest(method: "GET", target: "/trailing?").query == "")
    }

    @Test func decodesQueryItems() {
        let request = HTTPRequest(method: "GET", target: "/search?q=broken+pipe&q=leak&status=open%2Fclosed")
        #expect(request.queryItems.map(\.1) == ["broken pipe", "leak", "open/closed"])
        #expect(request.queryItem("status") == "open/closed")
        #expect(request.queryItem("missing") == nil)
    }

    @Test func parsesCookies() {
        let headers = HTTPHeaders([("Cookie", "sid=abc; theme=\"dark\"; broken; sid=later"), ("Cookie", "lang=da")])
        let cookies = HTTPRequest(method: "GET", target: "/", headers: headers).cookies
        #expect(cookies == ["sid": "abc", "theme": "dark", "lang": "da"])
    }

    @Test func decodesFormFieldsFromBody() throws {
        let request = HTTPRequest(method: "POST", target: "/claims", body: .bytes(Array("title=Water+damage&amount=1%2C200".utf8)))
        let fields = try request.formFields()
        #expect(fields.map(\.0) == ["title", "amount"])
        #expect(fields.map(\.1) == ["Water damage", "1,200"])
    }

    @Test func readsFileBodiesInChunks() throws {
        let path = NSTemporaryDirectory() + "http-body-\(UUID().uuidString)"
        try Data("name=value&x=1".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let body = HTTPBody.file(path: path, length: 14)
        var chunks: [[UInt8]] = []
        try body.forEachChunk(chunkSize: 5) { chunks.append($0) }
        #expect(chunks.map(\.count) == [5, 5, 4])
        #expect(try body.readAll() == Array("name=value&x=1".utf8))
        #expect(body.count == 14)
        let fields = try HTTPRequest(method: "POST", target: "/", body: body).formFields()
        #expect(fields.first?.1 == "value")
    }

    @Test func reportsMissingFileBody() {
        let body = HTTPBody.file(path: "/nonexistent/\(UUID().uuidString)", length: 3)
        #expect(throws: HTTPServerError.self) { try body.readAll() }
    }

    @Test func chunksInMemoryBodies() throws {
        var chunks: [[UInt8]] = []
        try HTTPBody.bytes(Array("abcdefg".utf8)).forEachChunk(chunkSize: 3) { chunks.append($0) }
        #expect(chunks == [Array("abc".utf8), Array("def".utf8), Array("g".utf8)])
        #expect(try HTTPBody.empty.readAll().isEmpty)
    }

    /// The byte scan for ASCII origin-form targets answers as the general split does.
    @Test func asciiTargetsSplitAsTheGeneralPathSplitsThem() {
        let targets = ["/", "/a?b", "/a?b#c", "/?", "/#x?y", "/a??b", "/a#", "/a%3F?q=1&r=%23", "/a?b\r\n#c", "/claims?q=x y"]
        for target in targets {
            let fast = HTTPRequest.splitASCIIOriginForm(target)
            #expect(fast != nil && fast! == HTTPRequest.splitAnyForm(target), "\(target)")
        }
        var random = SeededGenerator(seed: 15)
        let alphabet = Array("/?#ab%3=&\r\n .".utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...12, using: &random)
            let target = "/" + String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &random)! }, as: UTF8.self)
            let fast = HTTPRequest.splitASCIIOriginForm(target)
            #expect(fast != nil && fast! == HTTPRequest.splitAnyForm(target), "\(target.debugDescription)")
        }
        // Anything else takes the general path.
        #expect(HTTPRequest.splitASCIIOriginForm("http://h/a?b") == nil)
        #expect(HTTPRequest.splitASCIIOriginForm("/caf\u{E9}?q") == nil)
        #expect(HTTPRequest.split(target: "/a?\u{301}b#c") == HTTPRequest.splitAnyForm("/a?\u{301}b#c"))
    }
}
