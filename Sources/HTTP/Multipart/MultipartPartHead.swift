/// What the header section of one part says about it (RFC 7578 §4.2–4.4).
struct MultipartPartHead: Equatable {
    var name: String
    /// The filename as sent, before sanitising; its presence (even empty) makes the part a file,
    /// as browsers send `filename=""` for a file input left empty.
    var filename: String?
    var contentType: String?

    /// Parses the field lines of a part, each ending in CRLF, without the blank line after them.
    init(headerSection bytes: ArraySlice<UInt8>) throws {
        var disposition: String?
        var contentType: String?
        for (name, value) in try Self.fields(bytes) {
            if HTTPHeaders.namesMatch(name, "Content-Disposition") {
                disposition = disposition ?? value
            } else if HTTPHeaders.namesMatch(name, "Content-Type") {
                contentType = contentType ?? value
            }
        }
        guard let disposition else { throw MultipartError.malformed("part without Content-Disposition") }
        guard let parsed = ParameterizedHeaderValue(disposition), parsed.value == "form-data" else {
            throw MultipartError.malformed("part whose Content-Disposition is not form-data: \(disposition)")
        }
        guard let name = parsed["name"], !name.isEmpty else {
            throw MultipartError.malformed("part whose Content-Disposition has no name")
        }
        self.name = Self.unescapingBrowserQuotes(name)
        if let extended = parsed["filename*"].flatMap(Self.decodeExtendedValue) {
            filename = extended
        } else {
            filename = parsed["filename"].map(Self.unescapingBrowserQuotes)
        }
        self.contentType = contentType.flatMap { $0.isEmpty ? nil : $0 }
    }

    init(name: String, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
    }

    /// Splits `name: value` lines; a line starting with whitespace continues the previous value.
    private static func fields(_ bytes: ArraySlice<UInt8>) throws -> [(String, String)] {
        var fields: [(String, String)] = []
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            var lineEnd = lineStart
            while bytes[lineEnd] != ASCII.cr || bytes[lineEnd + 1] != ASCII.lf { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 2
            guard line.allSatisfy({ ASCII.isFieldValueChar($0) }) else {
                throw MultipartError.malformed("part header with a control character")
            }
            if let first = line.first, first == ASCII.space || first == ASCII.tab {
                guard !fields.isEmpty else { throw MultipartError.malformed("part header starts with a continuation line") }
                fields[fields.count - 1].1 += " " + String(decoding: line, as: UTF8.self).trimmingOWS()
                continue
            }
            guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex,
                  line[..<colon].allSatisfy(ASCII.isTokenChar) else {
                throw MultipartError.malformed("part header line is not `name: value`")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingOWS()
            fields.append((name, value))
        }
        return fields
    }

    /// Browsers do not backslash-escape names and filenames; they send `"`, CR and LF as `%22`,
    /// `%0D` and `%0A` (HTML Standard, multipart/form-data encoding algorithm).
    private static func unescapingBrowserQuotes(_ value: String) -> String {
        guard value.contains("%") else { return value }
        return value
            .replacing("%22", with: "\"")
            .replacing("%0D", with: "\r").replacing("%0d", with: "\r")
            .replacing("%0A", with: "\n").replacing("%0a", with: "\n")
    }

    /// An RFC 8187 (formerly RFC 5987) value: `charset'language'percent-encoded`. Nil for
    /// charsets other than UTF-8 and ISO-8859-1, so the plain `filename` is used instead.
    static func decodeExtendedValue(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return nil }
        var bytes: [UInt8] = []
        var iterator = pieces[2].utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == ASCII.percent else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(ASCII.hexValue),
                  let low = iterator.next().flatMap(ASCII.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        switch pieces[0].lowercasedASCII() {
        case "utf-8":
            return String(validating: bytes, as: UTF8.self)
        case "iso-8859-1":
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return String(scalars)
        default:
            return nil
        }
    }
}
