/// A mailbox: an address and an optional display name, as in `Renée Dupont <renee@contoso.example>`.
public struct MailAddress: Sendable, Hashable {
    public let address: String
    public let name: String?

    public init(address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// True when the address can go on an SMTP command line as is: ASCII only (no SMTPUTF8),
    /// no whitespace, controls or angle brackets, and a local part and domain around one '@'.
    public var isDeliverable: Bool {
        let bytes = Array(address.utf8)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else { return false }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        return at > 0 && at < bytes.count - 1
    }

    /// The mailbox as it appears in From and To. Whatever the caller passed, the result holds no
    /// CR or LF, so a name or address cannot start a header of its own.
    var headerText: String {
        let spec = Self.addressSpec(address)
        guard let name else { return spec }
        let phrase = HeaderText.collapsed(name)
        guard !phrase.isEmpty else { return spec }
        return "\(Self.phrase(phrase)) <\(spec)>"
    }

    /// The address with everything dropped that could end the angle brackets or the line.
    static func addressSpec(_ address: String) -> String {
        String(String.UnicodeScalarView(address.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && scalar != "<" && scalar != ">" && scalar != ","
        }))
    }

    /// A display name as RFC 5322 allows it: bare when it is only atoms, quoted when it holds
    /// specials such as ',' or '.', encoded words (RFC 2047) when it is not ASCII.
    static func phrase(_ name: String) -> String {
        if !name.unicodeScalars.allSatisfy({ $0.isASCII }) || name.contains("=?") {
            return EncodedWord.encode(name).joined(separator: " ")
        }
        if name.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || isAtext($0) }) {
            return name
        }
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// RFC 5322 atext: the characters an atom may hold without quoting.
    private static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }
}
