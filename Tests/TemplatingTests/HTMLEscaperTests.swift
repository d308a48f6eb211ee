import Testing
@testable import Templating

@Suite struct HTMLEscaperTests {
    @Test(arguments: [
        ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;"), ("\"", "&quot;"), ("'", "&#39;"),
    ])
    func escapesEachSpecialCharacter(character: String, entity: String) {
        #expect(HTMLEscaper.escape("a\(character)b") == "a\(entity)b")
    }

    @Test func escapesRunsAndEdges() {
        #expect(HTMLEscaper.escape("<script>alert('x' && \"y\")</script>")
            == "&lt;script&gt;alert(&#39;x&#39; &amp;&amp; &quot;y&quot;)&lt;/script&gt;")
        #expect(HTMLEscaper.escape("") == "")
        #expect(HTMLEscaper.escape("plain") == "plain")
    }

    @Test func leavesNonASCIIIntact() {
        #expect(HTMLEscaper.escape("Zoë & 日本語 👩‍👩‍👧 <b>") == "Zoë &amp; 日本語 👩‍👩‍👧 &lt;b&gt;")
    }
}

/// The bit test finds exactly the five special characters among all 256 byte values.
@Suite struct HTMLEscaperByteTests {
    @Test func exactlyTheFiveSpecialBytesNeedEscaping() {
        let special = Set("\"&'<>".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HTMLEscaper.needsEscaping(byte) == special.contains(byte), "\(byte)")
        }
    }
}
