/// A well-formed e-mail address: a local part without spaces, `@`, and a valid domain.
/// Deliberately simpler than RFC 5322 — quoted local parts are not accepted, because the
/// contacts we e-mail are business mailboxes and a stricter rule catches more typos.
public struct EmailAddress: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        // Bytes, not Characters: an accepted local part is ASCII, where each Character is one byte
        // (but CR LF, which is refused), and a "@" or "." byte is always a Character of its own in
        // text that passes; grapheme breaking over every address cost more than all the rest.
        let bytes = trimmed.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let local = bytes[..<at]
        let domainText = bytes[bytes.index(after: at)...]
        let dot = UInt8(ascii: ".")
        guard !domainText.contains(UInt8(ascii: "@")),
              (1...64).contains(local.count), local.allSatisfy(Self.mayBeInLocalPart),
              local.first != dot, local.last != dot, !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot }),
              let domain = DomainName(parsing: String(Substring(domainText)))
        else { return nil }
        rawValue = String(Substring(local)) + "@" + domain.rawValue
    }

    /// ASCII but whitespace (tab to carriage return, and space) and `()<>,;:\"[]`.
    private static func mayBeInLocalPart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x80...0xFF, 0x09...0x0D, 0x20: false
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "]"): false
        default: true
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = EmailAddress(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an e-mail address: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
