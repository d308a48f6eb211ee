import Foundation

/// The catalog seen from one request's locale: its messages (the default locale's for any key not
/// translated there), and its dates and numbers.
public struct Localizer: Sendable {
    public let locale: String
    private let table: [String: String]
    private let fallback: [String: String]
    /// Dates, times and numbers in this language, in the deployment's zone.
    let dates: DateDisplay

    init(locale: String, table: [String: String], fallback: [String: String], dates: DateDisplay) {
        self.locale = locale
        self.table = table
        self.fallback = fallback
        self.dates = dates
    }

    /// The `.one` or `.other` form of a message for `count`, with `{count}` written the
    /// language's way.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        arguments["count"] = dates.number(count)
        return self(Self.pluralKey(key, count: count), arguments)
    }

    /// The key of the form of `key` for `count`: English and Spanish both use "one" for exactly 1 only.
    public static func pluralKey(_ key: String, count: Int) -> String {
        key + (count == 1 ? ".one" : ".other")
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

    /// The message in this locale only, without falling back to the default's: what tests use to
    /// prove a translation complete.
    public func translated(_ key: String) -> String? { table[key] }
}

private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
