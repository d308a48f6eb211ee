import Foundation

/// The catalog seen from one request's locale: its messages, and the default locale's for any key
/// not translated there.
public struct Localizer: Sendable {
    public let locale: String
    private let table: [String: String]
    private let fallback: [String: String]

    init(locale: String, table: [String: String], fallback: [String: String]) {
        self.locale = locale
        self.table = table
        self.fallback = fallback
    }

    /// The message with its `{name}` placeholders filled in. A missing key shows the key itself,
    /// which start-up checks and tests prevent from ever reaching a user.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let template = lookup(key) ?? key
        guard !arguments.isEmpty, template.utf8.contains(openBrace) else { return template }
        // One pass over the bytes, so a value that itself contains "{x}" is never expanded again.
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 32)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == openBrace, let close = bytes[index...].firstIndex(of: closeBrace) else {
                result.append(bytes[index])
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            if let value = arguments[name] {
                result += value.utf8
            } else {
                result += bytes[index...close]
            }
            index = close + 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    public func lookup(_ key: String) -> String? { table[key] ?? fallback[key] }
}

private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
