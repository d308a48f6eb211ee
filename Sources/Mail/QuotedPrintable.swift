/// Quoted-printable body encoding (RFC 2045 §6.7): 7-bit safe, still readable for ASCII.
enum QuotedPrintable {
    /// Encoded lines may be 76 characters long; a soft break's '=' counts toward them.
    static let maximumLineLength = 76

    /// `text` encoded, with every line ending (CRLF, CR or LF) written as CRLF. The result holds
    /// printable ASCII and CRLF only, and '=' only ever starts an escape or a soft break.
    static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        encode(text, into: &output)
        return output
    }

    /// `encode(text)` appended to `output`, written byte by byte into room reserved up front:
    /// every e-mail's two bodies pass through here.
    static func encode(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Plain text grows by a soft break per line; each escape adds two bytes.
            output.reserveCapacity(output.count + bytes.count + bytes.count / 8 + 16)
            var lineStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0D || byte == 0x0A else {
                    index += 1
                    continue
                }
                encodeLine(bytes, lineStart..<index, into: &output)
                output.append(0x0D)
                output.append(0x0A)
                index += (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                lineStart = index
            }
            encodeLine(bytes, lineStart..<bytes.count, into: &output)
        }
    }

    /// One line without its ending: printable ASCII as is, anything else as "=XX", soft breaks
    /// ("=" CRLF) before a line would pass 76 characters.
    private static func encodeLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8]) {
        var length = 0
        for index in range {
            let byte = bytes[index]
            let isLast = index == range.upperBound - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                // Trailing whitespace is encoded: transports may strip it.
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
            let width = literal ? 1 : 3
            // The last token may use the full width; any other must leave room for the soft break.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if length + width > limit {
                output.append(UInt8(ascii: "="))
                output.append(0x0D)
                output.append(0x0A)
                length = 0
            }
            if literal {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "="))
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            }
            length += width
        }
    }

    /// An uppercase hex digit for a value below 16.
    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") - 10 + value
    }
}
