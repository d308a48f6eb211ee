import Testing
@testable import HTTP

@Suite struct HTTPHeadersTests {
    @Test func looksUpNamesIgnoringCase() {
        let headers = HTTPHeaders([("Content-Type", "text/html"), ("set-cookie", "a=1"), ("Set-Cookie", "b=2")])
        #expect(headers["content-type"] == "text/html")
        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values("Set-Cookie") == ["a=1", "b=2"])
        #expect(headers["Missing"] == nil)
        #expect(headers.values("Missing").isEmpty)
    }

    @Test func keepsOrderAndDuplicates() {
        var headers = HTTPHeaders()
        headers.add("B", "1")
        headers.add("A", "2")
        headers.add("b", "3")
        #expect(headers.map(\.name) == ["B", "A", "b"])
        #expect(headers.count == 3)
    }

    @Test func setReplacesEveryValueAtTheFirstPosition() {
        var headers = HTTPHeaders([("X", "1"), ("Y", "2"), ("x", "3")])
        headers.set("X", "new")
        #expect(headers.map(\.name) == ["X", "Y"])
        #expect(headers.values("x") == ["new"])
        headers.set("Z", "appended")
        #expect(headers.map(\.name) == ["X", "Y", "Z"])
    }

    @Test func removesEveryValue() {
        var headers = HTTPHeaders([("X", "1"), ("Y", "2"), ("x", "3")])
        headers.remove("X")
        #expect(headers.map(\.name) == ["Y"])
    }

    @Test func splitsTokenLists() {
        let headers = HTTPHeaders([("Connection", "Keep-Alive, Upgrade"), ("connection", " close ")])
        #expect(headers.tokens("Connection") == ["keep-alive", "upgrade", "close"])
    }
}
