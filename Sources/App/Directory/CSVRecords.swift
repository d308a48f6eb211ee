/// The records of a CSV file (RFC 4180) one at a time, each with the line it starts on: fields
/// split at the separator, a quoted field unquoted (`""` inside it is one quote, and it may span
/// lines), records ended by CRLF or LF outside quotes. A UTF-8 byte-order mark is skipped.
/// Works on bytes, so a large file costs one pass.
struct CSVRecords {
    struct Record: Equatable {
        let line: Int
        let fields: [String]
    }

    enum Failure: Error, Equatable {
        case unclosedQuote(line: Int)
        case notUTF8(line: Int)
    }

    private let bytes: [UInt8]
    private let separator: UInt8
    private var index: Int
    private var line = 1

    init(_ bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
        index = bytes.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// The separator the first line uses: a comma, or a semicolon as spreadsheets in many
    /// locales write (they read a comma as the decimal point).
    static func separator(of bytes: [UInt8]) -> UInt8 {
        let firstLine = bytes.prefix { $0 != lf }
        let comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")
        return !firstLine.contains(comma) && firstLine.contains(semicolon) ? semicolon : comma
    }

    /// The next record; nil at the end of the file.
    mutating func next() throws(Failure) -> Record? {
        guard index < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false

        func finishField() throws(Failure) {
            // ASCII, the usual case, is always valid UTF-8 and skips the validating decoder.
            if field.allSatisfy({ $0 < 0x80 }) {
                fields.append(String(decoding: field, as: UTF8.self))
            } else if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                throw .notUTF8(line: line)
            }
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == Self.quote {
                    if index < bytes.count, bytes[index] == Self.quote {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == Self.lf { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case Self.quote where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case separator:
                try finishField()
            case Self.lf:
                try finishField()
                line += 1
                return Record(line: start, fields: fields)
            case Self.cr where index < bytes.count && bytes[index] == Self.lf:
                break
            default:
                field.append(byte)
            }
        }
        guard !quoted else { throw .unclosedQuote(line: start) }
        try finishField()
        return Record(line: start, fields: fields)
    }
}
