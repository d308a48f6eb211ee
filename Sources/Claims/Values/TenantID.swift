import Foundation

/// A customer's Microsoft Entra tenant, always a GUID. Kept in lowercase canonical form so
/// two spellings of the same tenant compare equal when looking for conflicting claims.
public struct TenantID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in any case, optionally in braces.
    public init?(parsing text: String) {
        guard let canonical = TenantID.canonicalGUID(text) else { return nil }
        rawValue = canonical
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    static func canonicalGUID(_ text: String) -> String? {
        if isCanonical(text) { return text }
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") {
            trimmed = String(trimmed.dropFirst().dropLast())
        }
        // UUID(uuidString:) alone would accept only the hyphenated form, which is what we want.
        guard trimmed.count == 36, let uuid = UUID(uuidString: trimmed) else { return nil }
        return uuid.uuidString.lowercased()
    }

    /// Already in the form `canonicalGUID` returns (lowercase, hyphenated, nothing around it): the
    /// usual case, told from its bytes without a trip through Foundation.
    private static func isCanonical(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            let isHyphenPosition = count == 8 || count == 13 || count == 18 || count == 23
            let isHexDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            guard isHyphenPosition ? byte == UInt8(ascii: "-") : isHexDigit else { return false }
            count += 1
        }
        return count == 36
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = TenantID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a GUID: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
