import Foundation

/// The catalog seen from one request's locale.
public struct Localizer: Sendable {
    let catalog: MessageCatalog
    public let locale: String

    /// The message with its `{name}` placeholders filled in. A missing key shows the key itself,
    /// which start-up checks and tests prevent from ever reaching a user.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let template = catalog.text(key, locale: locale) ?? key
        guard !arguments.isEmpty, template.contains("{") else { return template }
        // One pass, so a value that itself contains "{x}" is never expanded again.
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += arguments[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    public func lookup(_ key: String) -> String? { catalog.text(key, locale: locale) }
}
