/// Decodes quoted-printable as a mail reader does, strictly enough to catch a bad encoder:
/// rejects lines over 76 characters, '=' not followed by two hex digits or a line break, and
/// unencoded trailing whitespace.
enum QuotedPrintableDecoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func decode(_ text: String) throws -> String {
        var bytes: [UInt8] = []
        let lines = text.components(separatedBy: "\r\n")
        for (number, line) in lines.enumerated() {
            let raw = Array(line.utf8)
            guard raw.count <= 76 else { throw Failure(description: "line \(number + 1) has \(raw.count) characters") }
            guard raw.last != UInt8(ascii: " ") && raw.last != UInt8(ascii: "\t") else {
                throw Failure(description: "line \(number + 1) ends in raw whitespace")
            }
            var index = 0
            var soft = false
            while index < raw.count {
                let byte = raw[index]
                guard byte < 0x80 else { throw Failure(description: "8-bit byte on line \(number + 1)") }
                if byte != UInt8(ascii: "=") {
                    bytes.append(byte)
                    index += 1
                } else if index == raw.count - 1 {
                    soft = true
                    index += 1
                } else {
                    guard index + 2 < raw.count,
                          let value = UInt8(String(decoding: raw[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                    else { throw Failure(description: "bad escape on line \(number + 1): \(line)") }
                    bytes.append(value)
                    index += 3
                }
            }
            if !soft && number < lines.count - 1 { bytes += [0x0D, 0x0A] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
