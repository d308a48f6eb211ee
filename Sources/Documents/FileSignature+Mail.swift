// E-mail has no magic number: a saved message (.eml, RFC 5322) is recognised by starting with
// a header section. Requiring two well-known mail fields keeps ordinary text that happens to
// start with "Title: …" lines from passing.
extension FileSignature {
    private static let mailFieldNames: Set<String> = [
        "from", "to", "cc", "subject", "date", "received", "return-path", "mime-version",
        "message-id", "delivered-to", "reply-to", "sender", "in-reply-to", "references",
    ]

    static func looksLikeMailMessage(_ prefix: [UInt8]) -> Bool {
        guard !prefix.contains(0) else { return false }
        var fieldCount = 0
        var mailFields: Set<String> = []
        var lineStart = 0
        // Only whole lines are judged: the prefix may end in the middle of a long header section.
        while let newline = prefix[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = prefix[lineStart..<newline]
            lineStart = newline + 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { break }
            guard String(validating: line, as: UTF8.self) != nil else { return false }
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                guard fieldCount > 0 else { return false }
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy(isFieldNameByte) else { return false }
            fieldCount += 1
            // Field names are plain ASCII here, so lowercasing them is ASCII lowercasing.
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            if mailFieldNames.contains(name) { mailFields.insert(name) }
        }
        return fieldCount >= 2 && mailFields.count >= 2
    }

    /// Letters, digits and the punctuation of an HTTP token: what real mail field names use. A line
    /// whose name has anything else is not a header, so the file is not taken for a message.
    private static func isFieldNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            return true
        default:
            return fieldNamePunctuation.contains(byte)
        }
    }

    private static let fieldNamePunctuation = Set("!#$%&'*+-.^_`|~".utf8)
}
