/// A header value of the form `value; name=token; name="quoted string"`, as used by
/// Content-Type (RFC 9110 §5.6.6) and Content-Disposition (RFC 6266).
struct ParameterizedHeaderValue {
    /// The part before the first `;`, trimmed and lowercased.
    var value: String
    /// Parameters in order, names lowercased, quoted values unescaped.
    var parameters: [(name: String, value: String)]

    /// Nil when a quoted string is not closed or a parameter has no name.
    init?(_ header: String) {
        let bytes = Array(header.utf8)
        var index = bytes.firstIndex(of: ASCII.semicolon) ?? bytes.endIndex
        value = String(decoding: bytes[..<index], as: UTF8.self).trimmingOWS().lowercasedASCII()
        parameters = []
        while index < bytes.endIndex {
            index += 1 // past ";"
            index = Self.skipWhitespace(bytes, from: index)
            guard index < bytes.endIndex else { break }
            if bytes[index] == ASCII.semicolon { continue }
            let nameStart = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "="), bytes[index] != ASCII.semicolon { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).trimmingOWS().lowercasedASCII()
            guard !name.isEmpty else { return nil }
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else {
                parameters.append((name: name, value: ""))
                continue
            }
            index = Self.skipWhitespace(bytes, from: index + 1)
            let parameterValue: String
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                guard let (quoted, end) = Self.quotedString(bytes, openingAt: index) else { return nil }
                parameterValue = quoted
                index = end
                while index < bytes.endIndex, bytes[index] != ASCII.semicolon { index += 1 }
            } else {
                let valueStart = index
                while index < bytes.endIndex, bytes[index] != ASCII.semicolon { index += 1 }
                parameterValue = String(decoding: bytes[valueStart..<index], as: UTF8.self).trimmingOWS()
            }
            parameters.append((name: name, value: parameterValue))
        }
    }

    /// The first parameter called `name` (lowercase).
    subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    private static func skipWhitespace(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.endIndex, bytes[index] == ASCII.space || bytes[index] == ASCII.tab { index += 1 }
        return index
    }

    /// The unescaped content and the index after the closing quote. A backslash escapes only
    /// `"` and `\`; before anything else it is kept, because old Windows clients send full paths
    /// such as `C:\docs\a.pdf` without escaping them.
    private static func quotedString(_ bytes: [UInt8], openingAt start: Int) -> (String, Int)? {
        var content: [UInt8] = []
        var index = start + 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                return (String(decoding: content, as: UTF8.self), index + 1)
            }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex,
               bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\") {
                index += 1
            }
            content.append(bytes[index])
            index += 1
        }
        return nil
    }
}
