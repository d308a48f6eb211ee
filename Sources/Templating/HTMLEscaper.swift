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

    static func append<Sink: ByteSink & ~Copyable>(escaping string: String, to output: inout Sink) {
        // Native strings lend their bytes in place, without a copy of the string (a retain and a
        // release); a bridged one is copied once first.
        let lent: Void? = string.utf8.withContiguousStorageIfAvailable { append(escaping: $0, to: &output) }
        if lent == nil {
            var string = string
            string.withUTF8 { append(escaping: $0, to: &output) }
        }
    }

    static func append<Sink: ByteSink & ~Copyable>(escaping source: UnsafeBufferPointer<UInt8>, to output: inout Sink) {
        guard let base = source.baseAddress else { return }
        let count = source.count
        var runStart = 0
        var index = 0
        // Eight bytes at a time while no special byte is among them: most text has none at all.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if !containsSpecial(word) {
                index += 8
                continue
            }
            for offset in index..<(index + 8) where needsEscaping(base[offset]) {
                escapeByte(at: offset, in: base, runStart: &runStart, to: &output)
            }
            index += 8
        }
        // The last few bytes in one more word, overlapping ones already looked at, when it has
        // none: a byte-by-byte look at them costs as much as all the words before.
        if index < count, count >= 8,
           !containsSpecial(UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)) {
            index = count
        }
        while index < count {
            if needsEscaping(base[index]) { escapeByte(at: index, in: base, runStart: &runStart, to: &output) }
            index += 1
        }
        if runStart < count {
            output.write(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
    }

    /// Writes the run before the special byte at `index`, then its entity.
    @inline(__always)
    private static func escapeByte<Sink: ByteSink & ~Copyable>(
        at index: Int, in base: UnsafePointer<UInt8>, runStart: inout Int, to output: inout Sink
    ) {
        if runStart < index {
            output.write(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
        }
        let entity: StaticString = switch base[index] {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
        output.write(UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
        runStart = index + 1
    }

    /// Whether `byte` is one of `"`, `&`, `'`, `<` and `>` (0x22, 0x26, 0x27, 0x3C, 0x3E): one
    /// subtraction, a compare and a bit test per byte instead of five compares.
    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        let offset = byte &- 0x22
        return offset < 29 && (specialBits >> offset) & 1 != 0
    }

    private static let specialBits: UInt32 = 1 << 0 | 1 << 4 | 1 << 5 | 1 << 26 | 1 << 28

    /// Whether any of the word's eight bytes is special. `&` and `'` differ only in their lowest
    /// bit, and `<` and `>` only in the next, so three tests cover all five: a byte is `"`, or
    /// `'` once its lowest bit is set, or `>` once its second bit is set. A byte equal to `c` is a
    /// zero byte in `word ^ c…c`, and `(x - 0x01…01) & ~x & 0x80…80` is non-zero exactly when
    /// `x` has a zero byte.
    @inline(__always)
    static func containsSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
        let quote = zeroBytes(word ^ (0x22 &* ones))
        let ampersandOrApostrophe = zeroBytes((word | ones) ^ (0x27 &* ones))
        let angleBracket = zeroBytes((word | (0x02 &* ones)) ^ (0x3E &* ones))
        return (quote | ampersandOrApostrophe | angleBracket) & (0x80 &* ones) != 0
    }
}
