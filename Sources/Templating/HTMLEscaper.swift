/// Escapes text for HTML element content and quoted attribute values.
///
/// Works on UTF-8 bytes: the five special characters are all ASCII, and in UTF-8 an ASCII byte
/// never occurs inside a multi-byte sequence, so everything else is copied through in runs.
public enum HTMLEscaper {
    public static func escape(_ string: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count + 16)
        append(escaping: string, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(escaping string: String, to output: inout [UInt8]) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { source in
            append(escaping: source, to: &output)
        }
        if done == nil {
            // Bridged or otherwise non-contiguous strings: copy once, then take the fast path.
            let copy = Array(string.utf8)
            copy.withUnsafeBufferPointer { append(escaping: $0, to: &output) }
        }
    }

    private static func append(escaping source: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in 0..<source.count where needsEscaping(source[index]) {
            if runStart < index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
            }
            switch source[index] {
            case UInt8(ascii: "&"): output.append(contentsOf: ampersand)
            case UInt8(ascii: "<"): output.append(contentsOf: lessThan)
            case UInt8(ascii: ">"): output.append(contentsOf: greaterThan)
            case UInt8(ascii: "\""): output.append(contentsOf: quote)
            default: output.append(contentsOf: apostrophe)
            }
            runStart = index + 1
        }
        if runStart < source.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }

    /// Whether `byte` is one of `"`, `&`, `'`, `<` and `>` (0x22, 0x26, 0x27, 0x3C, 0x3E): one
    /// subtraction, a compare and a bit test per byte instead of five compares.
    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        let offset = byte &- 0x22
        return offset < 29 && (specialBits >> offset) & 1 != 0
    }

    private static let specialBits: UInt32 = 1 << 0 | 1 << 4 | 1 << 5 | 1 << 26 | 1 << 28

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)
}
