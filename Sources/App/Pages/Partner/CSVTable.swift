/// A table written as CSV (RFC 4180): UTF-8, CRLF line ends, fields quoted when they hold a
/// comma, quote or line break, quotes doubled. Spreadsheets run a cell that starts with
/// `= + - @` (or a tab or CR) as a formula, so such a cell gets a leading `'` and is shown as text.
struct CSVTable {
    private(set) var text = ""

    init(header: [String]) { append(header) }

    mutating func append(_ row: [String]) {
        text += row.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// With a byte-order mark, so spreadsheet programs read the file as UTF-8 rather than guess.
    var bytes: [UInt8] { [0xEF, 0xBB, 0xBF] + Array(text.utf8) }
}
