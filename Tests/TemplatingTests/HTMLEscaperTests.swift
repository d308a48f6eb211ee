import Testing
import Templating

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
