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
}
