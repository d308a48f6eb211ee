import Testing
@testable import HTTP

@Suite struct HTTPMethodTests {
    @Test func isTheSameMethodWrittenAsTextOrByName() {
        let written: HTTPMethod = "POST"
        #expect(written == .post)
        #expect(HTTPMethod.get.rawValue == "GET")
        #expect(HTTPMethod(rawValue: "HEAD") == .head)
        #expect(Set<HTTPMethod>(["GET", .get, "POST"]).count == 2)
    }

    /// RFC 9110 §9.1: the method token is case-sensitive.
    @Test func tellsMethodsApartByCase() {
        #expect(HTTPMethod("get") != .get)
        #expect(HTTPMethod("Post") != .post)
    }

    @Test func keepsTheMethodAsSent() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("get / HTTP/1.1\r\nHost: a\r\n\r\nPATCH / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(try parser.nextRequest()?.method == HTTPMethod("get"))
        #expect(try parser.nextRequest()?.method == .patch)
    }
}
