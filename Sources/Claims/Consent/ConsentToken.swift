import Digest

/// The secret in the customer's consent link. It is the customer's only credential, so it never
/// appears in history or comments, and a claim keeps only its SHA-256 (`hash`): a copy of the
/// database is not a set of working links.
public struct ConsentToken: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The SHA-256 of the token, as lowercase hex: what is stored and looked up.
    public var hash: String { SHA256.hexHash(rawValue) }

    /// Whether this token is the one `storedHash` was made from. Compares every byte whatever
    /// the first difference, so the time taken says nothing about how close a guess came.
    public func matches(hash storedHash: String) -> Bool {
        let presented = Array(hash.utf8), stored = Array(storedHash.utf8)
        guard presented.count == stored.count else { return false }
        var difference: UInt8 = 0
        for index in presented.indices { difference |= presented[index] ^ stored[index] }
        return difference == 0
    }
}
