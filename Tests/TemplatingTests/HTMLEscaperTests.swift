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

    /// Text is scanned eight bytes at a time: a special character at any place in or across the
    /// words, or several in one word, is escaped as a byte-by-byte escaper would.
    @Test func agreesWithAByteByByteEscaperAtEveryPosition() {
        func reference(_ text: String) -> String {
            var out = ""
            for character in text.unicodeScalars {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(character)
                }
            }
            return out
        }
        let filler = Array("abcdéfgh ijklmnopqrstuvwxyz0123456789!#$%()*+,-./:;=?@[]^_`{|}~".unicodeScalars)
        for length in 0...40 {
            let base = String(String.UnicodeScalarView(filler.prefix(length)))
            #expect(HTMLEscaper.escape(base) == base)
            for special in "<>&\"'" {
                for position in 0...length {
                    var text = Array(base.unicodeScalars)
                    text.insert(contentsOf: special.unicodeScalars, at: min(position, text.count))
                    let one = String(String.UnicodeScalarView(text))
                    #expect(HTMLEscaper.escape(one) == reference(one), "\(one)")
                }
            }
            let crowded = String(repeating: "<&'\">", count: length)
            #expect(HTMLEscaper.escape(crowded) == reference(crowded))
        }
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
