/// Quoted-printable body encoding (RFC 2045 §6.7): 7-bit safe, still readable for ASCII.
enum QuotedPrintable {
    /// Encoded lines may be 76 characters long; a soft break's '=' counts toward them.
    static let maximumLineLength = 76

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `text` encoded, with every line ending (CRLF, CR or LF) written as CRLF. The result holds
    /// printable ASCII and CRLF only, and '=' only ever starts an escape or a soft break.
    static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        let lines = hardLines(text)
        for (index, line) in lines.enumerated() {
            encodeLine(line, into: &output)
            if index < lines.count - 1 { output += [0x0D, 0x0A] }
        }
        return output
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var length = 0
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                // Trailing whitespace is encoded: transports may strip it.
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
            let token: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            // The last token may use the full width; any other must leave room for the soft break.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if length + token.count > limit {
                output += [UInt8(ascii: "="), 0x0D, 0x0A]
                length = 0
            }
            output += token
            length += token.count
        }
    }

    /// The UTF-8 bytes of each line, without its line ending.
    private static func hardLines(_ text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                lines.append(bytes[start..<index])
                index += (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }
}
