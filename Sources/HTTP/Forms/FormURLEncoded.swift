/// `application/x-www-form-urlencoded`, as browsers send forms and query strings
/// (WHATWG URL Standard §5).
public enum FormURLEncoded {
    /// Name/value pairs in order, keeping duplicates. `+` means space. A pair whose escapes are
    /// malformed keeps its raw text rather than disappearing, so nothing the user typed is lost.
    public static func decode(_ string: String) -> [(String, String)] {
        string.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decodeComponent(parts[0])
            let value = parts.count > 1 ? decodeComponent(parts[1]) : ""
            return (name, value)
        }
    }

    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { encodeComponent($0.0) + "=" + encodeComponent($0.1) }.joined(separator: "&")
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
