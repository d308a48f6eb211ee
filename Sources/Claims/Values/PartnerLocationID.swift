/// The partner location ID ("MPN ID") a claim is filed under. An organization has one or more;
/// whether a given one belongs to the organization is known to the app, not to this module,
/// so here it is only checked to be a plausible MPN ID: digits only, at most ten.
public struct PartnerLocationID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        guard (1...10).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        rawValue = trimmed
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = PartnerLocationID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an MPN ID: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
