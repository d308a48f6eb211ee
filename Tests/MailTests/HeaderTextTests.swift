import Testing
@testable import Mail

@Suite struct HeaderTextTests {
    @Test func collapsesControlsAndRunsOfSpaceAndTrimsTheEnds() {
        let cases: [(String, String)] = [
            ("Claim C-1001 was approved", "Claim C-1001 was approved"),
            ("", ""), (" ", ""), (" a", "a"), ("a ", "a"), ("a  b", "a b"), ("a\tb", "a b"),
            ("a\r\nBcc: x@example.com", "a Bcc: x@example.com"), ("a\u{7F}b", "a b"),
            ("Revisión  de\u{2003}reclamación ", "Revisión de reclamación"),
        ]
        for (text, expected) in cases {
            #expect(HeaderText.collapsed(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func encodesNonASCIIAndWhatLooksLikeAnEncodedWord() {
        #expect(HeaderText.unstructured("Claim  approved") == "Claim approved")
        #expect(HeaderText.unstructured("=?utf-8?B?eA==?=").hasPrefix("=?utf-8?B?"))
        #expect(HeaderText.unstructured("a=?b") != "a=?b")
        #expect(HeaderText.unstructured("a= ?b") == "a= ?b")
        #expect(HeaderText.unstructured("ñ").hasPrefix("=?utf-8?B?"))
    }

    @Test func foldsAtSpacesWithinSeventyEightCharacters() {
        let value = Array(repeating: "word", count: 40).joined(separator: " ")
        let field = HeaderText.field("Subject", value)
        let lines = field.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(field.replacingOccurrences(of: "\r\n ", with: " ") == "Subject: " + value + "\r\n")
        #expect(HeaderText.field("X", "") == "X:\r\n")
    }
}
