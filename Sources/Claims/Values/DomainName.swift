/// A DNS name such as `contoso.onmicrosoft.com`: the customer's domain, and the part of an
/// e-mail address after `@`. Lowercased, because DNS names are case-insensitive.
public struct DomainName: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(parsing text: String) {
        let candidate = text.trimmingWhitespace.lowercased()
        let labels = candidate.split(separator: ".", omittingEmptySubsequences: false)
        guard candidate.count <= 253, labels.count >= 2 else { return nil }
        for label in labels {
            guard (1...63).contains(label.count),
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                  label.first != "-", label.last != "-"
            else { return nil }
        }
        // A top-level domain is never all digits; this rejects bare IP addresses.
        guard let top = labels.last, !top.allSatisfy(\.isNumber) else { return nil }
        rawValue = candidate
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
