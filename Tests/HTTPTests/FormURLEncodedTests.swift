import Testing
@testable import HTTP

@Suite struct FormURLEncodedTests {
    @Test func decodesPairsInOrderWithDuplicates() {
        let pairs = FormURLEncoded.decode("name=Ann+Lee&tag=a&tag=b%26c&empty=&flag")
        #expect(pairs.map(\.0) == ["name", "tag", "tag", "empty", "flag"])
        #expect(pairs.map(\.1) == ["Ann Lee", "a", "b&c", "", ""])
    }

    @Test func splitsAtTheFirstEqualsSignAndSkipsEmptyPairs() {
        let pairs = FormURLEncoded.decode("&a=b=c&&=x&")
        #expect(pairs.map(\.0) == ["a", ""])
        #expect(pairs.map(\.1) == ["b=c", "x"])
        #expect(FormURLEncoded.decode("").isEmpty)
    }

    /// The standard splits at the byte "&", even where a combining mark follows it and makes
    /// one Character of the two.
    @Test func splitsAtTheByteEvenBeforeACombiningMark() {
        let pairs = FormURLEncoded.decode("a=1&\u{301}b=2")
        #expect(pairs.map(\.1) == ["1", "2"])
    }

    @Test func decodesUTF8Escapes() {
        #expect(FormURLEncoded.decode("city=K%C3%B8benhavn").first?.1 == "København")
    }

    @Test func keepsMalformedEscapesAsTyped() {
        #expect(FormURLEncoded.decode("q=100%+sure").first?.1 == "100% sure")
    }

    @Test func encodesForBrowsersAndRoundTrips() {
        let pairs = [("full name", "Ann & Bo"), ("note", "50% off=yes"), ("city", "København"), ("safe", "a-b_c.d*")]
        let encoded = FormURLEncoded.encode(pairs)
        #expect(encoded == "full+name=Ann+%26+Bo&note=50%25+off%3Dyes&city=K%C3%B8benhavn&safe=a-b_c.d*")
        let decoded = FormURLEncoded.decode(encoded)
        #expect(decoded.map(\.0) == pairs.map(\.0))
        #expect(decoded.map(\.1) == pairs.map(\.1))
    }

    @Test func percentDecodeRejectsMalformedInput() {
        #expect(percentDecode("/claims/a%20b") == "/claims/a b")
        #expect(percentDecode("a+b") == "a+b")
        #expect(percentDecode("%2") == nil)
        #expect(percentDecode("%zz") == nil)
        #expect(percentDecode("%FF") == nil)
    }
}
