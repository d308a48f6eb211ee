/// `application/x-www-form-urlencoded`, as browsers send forms and query strings
/// (WHATWG URL Standard §5).
public enum FormURLEncoded {
    /// Name/value pairs in order, keeping duplicates. `+` means space. A pair whose escapes are
    /// malformed keeps its raw text rather than disappearing, so nothing the user typed is lost.
    /// Split at the bytes "&" and "=", as the standard says: a split by Characters would run
    /// grapheme breaking over every byte of every form.
    public static func decode(_ string: String) -> [(String, String)] {
        let bytes = string.utf8
        var pairs: [(String, String)] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            if start < end {
                let pair = bytes[start..<end]
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                    pairs.append((decodeComponent(Substring(bytes[start..<equals])),
                                  decodeComponent(Substring(bytes[bytes.index(after: equals)..<end]))))
                } else {
                    pairs.append((decodeComponent(Substring(pair)), ""))
                }
            }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return pairs
    }

    /// Inlinable so that it is specialized for the caller's sequence: links are built with it.
    @inlinable
    public static func encode<Pairs: Sequence<(String, String)>>(_ pairs: Pairs) -> String {
        var encoded = ""
        for (name, value) in pairs {
            if !encoded.isEmpty { encoded += "&" }
            encoded += encodeComponent(name)
            encoded += "="
            encoded += encodeComponent(value)
        }
        return encoded
    }

    public static func decodeComponent<S: StringProtocol>(_ component: S) -> String {
        let spaced = String(component).replacingPlusWithSpace()
        return PercentEncoding.decode(spaced) ?? spaced
    }

    public static func encodeComponent(_ component: String) -> String {
        PercentEncoding.encode(component, unreserved: isUnreserved, spaceAsPlus: true)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"): return true
        default: return false
        }
    }
}

private extension String {
    func replacingPlusWithSpace() -> String {
        guard utf8.contains(ASCII.plus) else { return self }
        return String(decoding: utf8.map { $0 == ASCII.plus ? ASCII.space : $0 }, as: UTF8.self)
    }
}
