import Foundation

/// The catalog seen from one request's locale: its messages (the default locale's for any key not
/// translated there), and its dates and numbers.
public struct Localizer: Sendable {
    public let locale: String
    /// Every message this locale shows: its own, else the default locale's; one lookup per use.
    private let messages: [String: Message]
    /// Dates, times and numbers in this language, in the deployment's zone.
    let dates: DateDisplay
    /// The words for values lists repeat, looked up once.
    let labels: ValueLabels

    private struct Message: Sendable {
        let text: String
        /// The text split once at its `{placeholders}`; nil when it has none.
        let pieces: [Piece]?
        /// Whether the text is this locale's own rather than the default's.
        let translated: Bool
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        case value(String)
    }

    init(locale: String, table: [String: String], fallback: [String: String], dates: DateDisplay) {
        self.locale = locale
        self.dates = dates
        var messages = fallback.mapValues { Message(text: $0, pieces: Self.pieces($0), translated: false) }
        for (key, text) in table { messages[key] = Message(text: text, pieces: Self.pieces(text), translated: true) }
        self.messages = messages
        // As `self(key)` reads a message without arguments: its text, or the key when it has none.
        labels = ValueLabels { messages[$0]?.text ?? $0 }
    }

    /// A message split at its `{name}` placeholders, or nil when it has none.
    static func pieces(_ template: String) -> [Piece]? {
        guard template.utf8.contains(openBrace) else { return nil }
        let bytes = Array(template.utf8)
        var pieces: [Piece] = []
        var text: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == openBrace, let close = bytes[index...].firstIndex(of: closeBrace) else {
                text.append(bytes[index])
                index += 1
                continue
            }
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
            pieces.append(.value(String(decoding: bytes[(index + 1)..<close], as: UTF8.self)))
            index = close + 1
        }
        if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
        return pieces
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
        guard let message = messages[key] else { return key }
        let template = message.text
        guard !arguments.isEmpty, let pieces = message.pieces else { return template }
        // One pass over pieces split at start-up, so a value that itself contains "{x}" is never expanded again.
        var result = ""
        result.reserveCapacity(template.utf8.count + 32)
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .value(let name): result += arguments[name] ?? "{" + name + "}"
            }
        }
        return result
    }

    public func lookup(_ key: String) -> String? { messages[key]?.text }

    /// The message in this locale only, without falling back to the default's: what tests use to
    /// prove a translation complete.
    public func translated(_ key: String) -> String? { messages[key].flatMap { $0.translated ? $0.text : nil } }
}

private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
