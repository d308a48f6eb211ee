// libFuzzer entry point for the CSV writer (CPOR_FUZZ_TARGET=csv). The input is split into cells
// at 0x1F and rows at 0x1E; the property: read back by RFC 4180, every cell is the value written
// (with the leading ' that disarms a formula), and no record breaks outside quotes.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let rows = text.split(separator: "\u{1E}", omittingEmptySubsequences: false)
        .map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
    var table = CSVTable(header: ["a", "b"])
    for row in rows { table.append(row) }
    let parsed = readCSV(table.text)
    precondition(parsed.count == rows.count + 1, "\(rows.count + 1) rows written, \(parsed.count) read")
    for (written, read) in zip(rows, parsed.dropFirst()) {
        let expected = written.map { cell -> String in
            guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
            return "'" + cell
        }
        precondition(read == expected, "wrote \(expected), read \(read)")
    }
    return 0
}

/// RFC 4180 over Unicode scalars: CRLF ends a record outside quotes, "" is a quote inside them.
func readCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
        if quoted {
            if scalar == "\"" {
                if scalars.first == "\"" {
                    field.append("\"")
                    scalars = scalars.dropFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(scalar)
            }
        } else if scalar == "\"" && field.isEmpty {
            quoted = true
        } else if scalar == "," {
            record.append(String(field))
            field = String.UnicodeScalarView()
        } else if scalar == "\r" && scalars.first == "\n" {
            scalars = scalars.dropFirst()
            record.append(String(field))
            records.append(record)
            record = []
            field = String.UnicodeScalarView()
        } else {
            field.append(scalar)
        }
    }
    precondition(!quoted && field.isEmpty && record.isEmpty, "the text does not end with a whole record")
    return records
}
