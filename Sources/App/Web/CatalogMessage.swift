/// A message named by its catalog key with its values, not yet written in any language: what code
/// that does not know its reader's language (`StoreCheck`) hands to code that does.
public struct CatalogMessage: Sendable, Equatable {
    public let key: String
    public let arguments: [String: String]
    /// For a message with `.one` and `.other` forms: the count that picks one, filled in as `{count}`.
    public let count: Int?

    public init(_ key: String, _ arguments: [String: String] = [:], count: Int? = nil) {
        self.key = key
        self.arguments = arguments
        self.count = count
    }
}

extension Localizer {
    /// The message in this language. A count is written as plain digits: these messages are read by
    /// operators and the scripts they write, not shown on pages.
    public func callAsFunction(_ message: CatalogMessage) -> String {
        guard let count = message.count else { return self(message.key, message.arguments) }
        return self(Self.pluralKey(message.key, count: count), message.arguments.merging(["count": String(count)]) { _, count in count })
    }
}
