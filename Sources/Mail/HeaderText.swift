/// Turns caller-supplied text into header lines that cannot break the message.
enum HeaderText {
    /// RFC 5322 asks for lines of at most 78 characters, not counting CRLF.
    static let preferredLineLength = 78

    /// `text` on one logical line: CR, LF and every other control character become a space
    /// (so no value can inject a header of its own), runs of spaces shrink to one, and the
    /// ends are trimmed. Single spaces also make folding lossless.
    static func collapsed(_ text: String) -> String {
        if isCollapsedASCII(text) { return text }
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == " " || scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Unstructured text such as a subject: as is when it is printable ASCII, otherwise encoded
    /// words. Text that merely looks like an encoded word is encoded too, so a reader shows it
    /// literally.
    static func unstructured(_ text: String) -> String {
        let value = collapsed(text)
        if value.utf8.allSatisfy({ $0 < 0x80 }) && !containsEncodedWordStart(value) {
            return value
        }
        return EncodedWord.encode(value).joined(separator: " ")
    }

    /// Whether `text` is printable ASCII with single spaces between words and none at its ends:
    /// what `collapsed` would return unchanged, as most subjects and names are.
    private static func isCollapsedASCII(_ text: String) -> Bool {
        var previous = UInt8(ascii: " ")
        for byte in text.utf8 {
            guard byte > 0x20 && byte < 0x7F || byte == 0x20 && previous != 0x20 else { return false }
            previous = byte
        }
        return previous != 0x20
    }

    /// Whether "=?" occurs in `text`, looked for among its bytes.
    private static func containsEncodedWordStart(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }

    /// A header name limited to the characters RFC 5322 allows there (printable ASCII but ':').
    static func fieldName(_ name: String) -> String {
        String(decoding: name.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }, as: UTF8.self)
    }

    /// "Name: value" folded at spaces into lines of at most 78 characters where the words allow;
    /// each continuation line starts with the space it was folded at, so unfolding restores the
    /// value exactly. `value` must already be collapsed. Lengths are counted in bytes, which for
    /// the ASCII that header values are by now is the same as characters.
    static func field(_ name: String, _ value: String) -> String {
        var field = name + ":"
        field.reserveCapacity(field.utf8.count + value.utf8.count + 8)
        var lineLength = field.utf8.count
        var lineHasWord = false
        for word in value.utf8.split(separator: UInt8(ascii: " ")) {
            if lineHasWord && lineLength + 1 + word.count > preferredLineLength {
                field += "\r\n"
                lineLength = 0
            }
            field += " "
            field += Substring(word)
            lineLength += 1 + word.count
            lineHasWord = true
        }
        return field + "\r\n"
    }
}
