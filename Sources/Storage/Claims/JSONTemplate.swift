/// A JSON text as `ClaimRows.json` wrote it, cut at the string values that differ from one
/// bulk-loaded copy to the next (claim ID, tenant, names, document IDs …). A copy is the pieces
/// joined with its own values: a string join per row instead of a `JSONEncoder` run.
///
/// Only whole string *values* are replaced, found by walking the JSON's string tokens (object keys
/// and text inside other strings never match), so `"C-7"` is replaced but `"C-77"` is not.
struct JSONTemplate {
    /// `pieces.count == slots.count + 1`; `slots[i]` is the value that goes after `pieces[i]`.
    private let pieces: [String]
    private let slots: [Int]
    private let length: Int

    /// - Parameter strings: `strings[i]` is the value whose occurrences become slot `i`; nil (or an
    ///   empty string) is never replaced. The non-nil values must be distinct.
    init(json: String, replacing strings: [String?]) throws {
        let targets: [[UInt8]?] = try strings.map { string in
            guard let string, !string.isEmpty else { return nil }
            return Array(try ClaimRows.json(string).utf8)
        }
        let bytes = Array(json.utf8)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":")
        var pieces: [String] = []
        var slots: [Int] = []
        var pieceStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == quote else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != quote { end += bytes[end] == backslash ? 2 : 1 }
            guard end < bytes.count else { break }
            let token = bytes[index...end]
            let isKey = end + 1 < bytes.count && bytes[end + 1] == colon
            if !isKey, let slot = targets.firstIndex(where: { $0?.elementsEqual(token) ?? false }) {
                pieces.append(String(decoding: bytes[pieceStart..<index], as: UTF8.self))
                slots.append(slot)
                pieceStart = end + 1
            }
            index = end + 1
        }
        pieces.append(String(decoding: bytes[pieceStart...], as: UTF8.self))
        self.pieces = pieces
        self.slots = slots
        self.length = bytes.count
    }

    /// The JSON with slot `i` replaced by `literals[i]`, a value as `literal(_:)` writes it.
    func render(_ literals: [String]) -> String {
        var text = String()
        text.reserveCapacity(length + 48 * slots.count)
        for (index, slot) in slots.enumerated() {
            text += pieces[index]
            text += literals[slot]
        }
        text += pieces[pieces.count - 1]
        return text
    }

    /// `value` as a quoted JSON string.
    static func literal(_ value: String) -> String {
        let needsEscape = value.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscape else { return "\"" + value + "\"" }
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
