/// A DNS name such as `contoso.onmicrosoft.com`: the customer's domain, and the part of an
/// e-mail address after `@`. Lowercased, because DNS names are case-insensitive.
public struct DomainName: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(parsing text: String) {
        let candidate = text.trimmingWhitespace.lowercased()
        // Bytes, not Characters: every byte of a valid name is ASCII, so a non-ASCII byte is simply
        // not one of the allowed ones, and no Unicode property needs looking up.
        let labels = candidate.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard candidate.utf8.count <= 253, labels.count >= 2 else { return nil }
        let hyphen = UInt8(ascii: "-")
        for label in labels {
            guard (1...63).contains(label.count),
                  label.allSatisfy({ Self.isLetterOrDigit($0) || $0 == hyphen }),
                  label.first != hyphen, label.last != hyphen
            else { return nil }
        }
        // A top-level domain is never all digits; this rejects bare IP addresses.
        guard let top = labels.last, !top.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        rawValue = candidate
    }

    /// A lowercase ASCII letter or a digit (the name is already lowercased).
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = DomainName(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a domain: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
