/// A well-formed e-mail address: a local part without spaces, `@`, and a valid domain.
/// Deliberately simpler than RFC 5322 — quoted local parts are not accepted, because the
/// contacts we e-mail are business mailboxes and a stricter rule catches more typos.
public struct EmailAddress: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domainText = parts.last,
              (1...64).contains(local.count),
              local.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"()<>,;:\\\"[]".contains($0) }),
              local.first != ".", local.last != ".", !local.contains(".."),
              let domain = DomainName(parsing: String(domainText))
        else { return nil }
        rawValue = "\(local)@\(domain.rawValue)"
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
