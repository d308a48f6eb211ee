/// A table written as CSV (RFC 4180): UTF-8, CRLF line ends, fields quoted when they hold a
/// comma, quote or line break, quotes doubled. Spreadsheets run a cell that starts with
/// `= + - @` (or a tab or CR) as a formula, so such a cell gets a leading `'` and is shown as text.
struct CSVTable {
    private(set) var text = ""
    /// "," in English; ";" in Spanish, whose spreadsheets read a comma as the decimal separator.
    let separator: Unicode.Scalar

    init(separator: Unicode.Scalar = ",", header: [String]) {
        self.separator = separator
        append(header)
    }

    mutating func append(_ row: [String]) {
        text += row.map { Self.cell($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    static func cell(_ value: String, separator: Unicode.Scalar = ",") -> String {
        var scalars = value.unicodeScalars
        if let first = scalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            scalars.insert("'", at: scalars.startIndex)
        }
        // Scalars, not Characters: a quote, separator or line break followed by a combining mark is
        // one Character, which a Character comparison would not see as special.
        guard scalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return String(scalars)
        }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// Starts the file, so spreadsheet programs read it as UTF-8 rather than guess.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// With a byte-order mark.
    var bytes: [UInt8] { Self.byteOrderMark + Array(text.utf8) }

    /// The lines appended so far, leaving the table empty for the next ones: how a long table is
    /// written out a page at a time.
    mutating func takeText() -> String {
        defer { text = "" }
        return text
    }
}
