/// Turns caller-supplied text into header lines that cannot break the message.
enum HeaderText {
    /// RFC 5322 asks for lines of at most 78 characters, not counting CRLF.
    static let preferredLineLength = 78

    /// `text` on one logical line: CR, LF and every other control character become a space
    /// (so no value can inject a header of its own), runs of spaces shrink to one, and the
    /// ends are trimmed. Single spaces also make folding lossless.
    static func collapsed(_ text: String) -> String {
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
        if value.unicodeScalars.allSatisfy({ $0.isASCII }) && !value.contains("=?") {
            return value
        }
        return EncodedWord.encode(value).joined(separator: " ")
    }

    /// A header name limited to the characters RFC 5322 allows there (printable ASCII but ':').
    static func fieldName(_ name: String) -> String {
        String(decoding: name.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }, as: UTF8.self)
    }

    /// "Name: value" folded at spaces into lines of at most 78 characters where the words allow;
    /// each continuation line starts with the space it was folded at, so unfolding restores the
    /// value exactly. `value` must already be collapsed.
    static func field(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var line = "\(name):"
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count + 1 + word.count > preferredLineLength && line != "\(name):" {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
