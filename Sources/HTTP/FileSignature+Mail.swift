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
        while let newline = prefix[lineStart...].firstIndex(of: ASCII.lf) {
            var line = prefix[lineStart..<newline]
            lineStart = newline + 1
            if line.last == ASCII.cr { line = line.dropLast() }
            if line.isEmpty { break }
            guard String(validating: line, as: UTF8.self) != nil else { return false }
            if line.first == ASCII.space || line.first == ASCII.tab {
                guard fieldCount > 0 else { return false }
                continue
            }
            guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex,
                  line[..<colon].allSatisfy(ASCII.isTokenChar) else { return false }
            fieldCount += 1
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercasedASCII()
            if mailFieldNames.contains(name) { mailFields.insert(name) }
        }
        return fieldCount >= 2 && mailFields.count >= 2
    }
}
