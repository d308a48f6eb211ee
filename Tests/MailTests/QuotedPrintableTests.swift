import Testing
@testable import Mail

@Suite struct QuotedPrintableTests {
    private func encoded(_ text: String) -> String {
        String(decoding: QuotedPrintable.encode(text), as: UTF8.self)
    }

    @Test func leavesPlainASCIIReadable() {
        #expect(encoded("Claim C-1001 was approved.") == "Claim C-1001 was approved.")
    }

    @Test func escapesEqualsSignsAndNonASCII() {
        #expect(encoded("a=b") == "a=3Db")
        #expect(encoded("reclamación") == "reclamaci=C3=B3n")
    }

    @Test func encodesTrailingWhitespaceOnly() {
        #expect(encoded("a b \nc\t") == "a b=20\r\nc=09")
    }

    @Test func breaksLongLinesSoftlyWithinSeventySixCharacters() throws {
        let line = String(repeating: "0123456789", count: 20)
        let output = encoded(line)
        let lines = output.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(try QuotedPrintableDecoder.decode(output) == line)
    }

    @Test func neverSplitsAnEscape() throws {
        for length in 70...80 {
            let text = String(repeating: "x", count: length) + "ééé="
            let output = encoded(text)
            #expect(output.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
            #expect(try QuotedPrintableDecoder.decode(output) == text)
        }
    }

    @Test func usesTheWholeWidthForALineThatEndsExactly() {
        #expect(encoded(String(repeating: "x", count: 76)) == String(repeating: "x", count: 76))
        #expect(encoded(String(repeating: "x", count: 77)).components(separatedBy: "\r\n").count == 2)
    }

    @Test func normalizesEveryLineEndingToCRLF() {
        #expect(encoded("a\nb\rc\r\nd") == "a\r\nb\r\nc\r\nd")
    }

    /// Many generated texts of every kind of byte and line ending: each decodes back to the text
    /// with its line endings made CRLF, and no line is longer than 76.
    @Test func anyTextRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "0", " ", "\t", "=", "é", "€", "😀", "\n", "\r", "\r\n", "~", "<p>", "&amp;"]
        for _ in 0..<300 {
            let length = Int.random(in: 0...400, using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let output = encoded(text)
            #expect(output.utf8.allSatisfy { $0 < 0x80 })
            let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try QuotedPrintableDecoder.decode(output) == normalized, "\(text.debugDescription)")
        }
    }

    @Test func appendsAfterWhatTheBufferHolds() {
        var bytes = Array("head\r\n".utf8)
        QuotedPrintable.encode("a=b", into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "head\r\na=3Db")
    }
}
