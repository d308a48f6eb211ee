import Foundation

/// The languages the service speaks, each ready for use: its messages and its date and number
/// formats, built once at start-up. And how a request's language is chosen.
struct Languages: Sendable {
    /// Where a request's language came from, strongest first.
    enum Source: Int, Comparable, Sendable {
        /// A signed-in user's saved preference.
        case user
        /// The header's switch, remembered in a cookie (for visitors, and before the first login).
        case cookie
        /// The browser's `Accept-Language`.
        case browser
        /// The deployment's `--locale`.
        case configured

        static func < (a: Source, b: Source) -> Bool { a.rawValue < b.rawValue }
    }

    private let localizers: [String: Localizer]
    let defaultLocale: String
    /// Every language the catalog has, in the order the switch lists them.
    let available: [String]
    /// The switch's entries as each language shows them, made once.
    private let switches: [String: [Layout.LanguageOption]]

    init(catalog: MessageCatalog, timeZone: TimeZone) {
        defaultLocale = catalog.defaultLocale
        available = catalog.locales
        var localizers: [String: Localizer] = [:]
        for locale in catalog.locales {
            localizers[locale] = catalog.localizer(for: locale, timeZone: timeZone)
        }
        self.localizers = localizers
        let names = localizers.mapValues { $0("language.name") }
        var switches: [String: [Layout.LanguageOption]] = [:]
        for current in catalog.locales {
            switches[current] = catalog.locales.map { Layout.LanguageOption(code: $0, name: names[$0]!, current: $0 == current) }
        }
        self.switches = switches
    }

    /// The switch's entries: each language by its own name, the current one marked.
    func switchOptions(current: String) -> [Layout.LanguageOption] {
        switches[current] ?? switches[defaultLocale]!
    }

    /// The language's localizer, or the default one if the service does not speak it.
    func localizer(for locale: String?) -> Localizer {
        supported(locale).flatMap { localizers[$0] } ?? localizers[defaultLocale]!
    }

    /// The catalog's name for a language tag: "es" for "es", "es-ES", "ES_mx"; nil if not spoken.
    func supported(_ tag: String?) -> String? {
        guard let tag, !tag.isEmpty, tag.count <= 35 else { return nil }
        let primary = tag.prefix { $0 != "-" && $0 != "_" }.lowercased()
        return available.contains(primary) ? primary : nil
    }

    /// The language for a request, in order: the user's saved choice, the switch's cookie, the
    /// browser's preferences, the configured default.
    func choose(saved: String?, cookie: String?, acceptLanguage: String?) -> (locale: String, source: Source) {
        if let locale = supported(saved) { return (locale, .user) }
        if let locale = supported(cookie) { return (locale, .cookie) }
        if let header = acceptLanguage, let locale = preferred(in: header) { return (locale, .browser) }
        return (defaultLocale, .configured)
    }

    /// The most preferred language of an `Accept-Language` header (RFC 9110 §12.5.4) that the
    /// service speaks: ranges by weight, ties in the order given; `q=0` means "not this one".
    func preferred(in header: String) -> String? {
        var best: (locale: String, weight: Double)?
        var refused = Set<String>()
        for item in header.split(separator: ",").prefix(32) {
            let parts = item.split(separator: ";")
            guard let range = parts.first?.trimmingCharacters(in: .whitespaces), !range.isEmpty else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q" { weight = Double(pair[1]).map { min(max($0, 0), 1) } ?? 0 }
            }
            let candidate = range == "*" ? defaultLocale : supported(range)
            guard let locale = candidate else { continue }
            if weight == 0 { refused.insert(locale); continue }
            if refused.contains(locale) { continue }
            if best == nil || weight > best!.weight { best = (locale, weight) }
        }
        return best?.locale
    }
}
