import Foundation

/// What a new password must be (ASVS V6.2): long enough, not absurdly long, free of control
/// characters (crypt_r stops at a NUL, so "a\0…" would log in with "a"), not one of the commonest
/// passwords, and not built on the account's own e-mail address or name.
public struct PasswordRules: Sendable {
    public static let minimumLength = 12
    /// Far above any passphrase a person types (ASVS asks that at least 64 be allowed), and low
    /// enough that hashing one costs nothing unusual.
    public static let maximumLength = 512

    public enum Problem: Sendable, Equatable {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        case controlCharacter
        case common
        case containsAccountName
    }

    /// Lowercased.
    private let common: Set<String>

    public init(commonPasswords: some Sequence<String>) {
        common = Set(commonPasswords.map { $0.lowercased() })
    }

    /// One password a line (every non-empty line counts, even one starting with `#`).
    public static func load(commonPasswordsFile path: String) throws -> PasswordRules {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init).filter { !$0.isEmpty }
        return PasswordRules(commonPasswords: lines)
    }

    public var commonPasswordCount: Int { common.count }

    /// The first rule `password` breaks, or nil. `accountWords` are the account's e-mail address
    /// and name: a password that contains one of them (or the e-mail's local part) is refused.
    public func problem(with password: String, accountWords: [String] = []) -> Problem? {
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacter }
        if password.count < Self.minimumLength { return .tooShort(minimum: Self.minimumLength) }
        if password.count > Self.maximumLength { return .tooLong(maximum: Self.maximumLength) }
        let lowered = password.lowercased()
        if common.contains(lowered) { return .common }
        for word in Self.significantParts(of: accountWords) where lowered.contains(word) { return .containsAccountName }
        return nil
    }

    /// Each word lowercased, an e-mail also by its local part, a name also without its spaces;
    /// only parts of four characters or more, since shorter ones turn up by chance.
    static func significantParts(of words: [String]) -> Set<String> {
        var parts: Set<String> = []
        for word in words.map({ $0.lowercased().trimmingCharacters(in: .whitespaces) }) {
            parts.insert(word)
            if let at = word.firstIndex(of: "@") { parts.insert(String(word[..<at])) }
            parts.insert(word.replacingOccurrences(of: " ", with: ""))
        }
        return parts.filter { $0.count >= 4 }
    }
}
