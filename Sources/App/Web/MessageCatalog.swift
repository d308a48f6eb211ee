import Foundation

/// User-facing text keyed by locale: `Templates/locales/<locale>/*.txt`, one `key = text` per
/// line, `#` starts a comment, `{name}` marks a value filled in at run time. A locale's files are
/// merged (one per area of the product); a key defined twice is an error.
public struct MessageCatalog: Sendable {
    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    private let messages: [String: [String: String]]
    public let defaultLocale: String

    public init(messages: [String: [String: String]], defaultLocale: String) {
        self.messages = messages
        self.defaultLocale = defaultLocale
    }

    public static func load(directory: String, defaultLocale: String) throws -> MessageCatalog {
        var messages: [String: [String: String]] = [:]
        let fileManager = FileManager.default
        for locale in ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
            let folder = directory + "/" + locale
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            var table: [String: String] = [:]
            var definedIn: [String: String] = [:]
            for file in try fileManager.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".txt") {
                let path = folder + "/" + file
                for (key, value) in try parse(try String(contentsOfFile: path, encoding: .utf8), file: path) {
                    if let other = definedIn[key] {
                        throw LoadError(file: path, line: 0, message: "key '\(key)' is already defined in \(other)")
                    }
                    table[key] = value
                    definedIn[key] = path
                }
            }
            messages[locale] = table
        }
        guard messages[defaultLocale] != nil else {
            throw LoadError(file: directory + "/\(defaultLocale)/", line: 0, message: "the default locale's catalog is missing")
        }
        return MessageCatalog(messages: messages, defaultLocale: defaultLocale)
    }

    static func parse(_ text: String, file: String) throws -> [(String, String)] {
        var seen = Set<String>()
        var table: [(String, String)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw LoadError(file: file, line: index + 1, message: "expected 'key = text'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw LoadError(file: file, line: index + 1, message: "empty key") }
            guard seen.insert(key).inserted else {
                throw LoadError(file: file, line: index + 1, message: "duplicate key '\(key)'")
            }
            table.append((key, value))
        }
        return table
    }

    public var locales: [String] { messages.keys.sorted() }

    public func keys(locale: String) -> Set<String> { Set(messages[locale]?.keys ?? [:].keys) }

    /// The text for `key`, in `locale` if translated there, else in the default locale.
    public func text(_ key: String, locale: String) -> String? {
        messages[locale]?[key] ?? messages[defaultLocale]?[key]
    }

    /// The messages of `locale` (the default's if there are none) with dates shown in `timeZone`.
    /// Building one reads the zone's data: the service builds each once (see `Languages`).
    public func localizer(for locale: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Localizer {
        let chosen = messages[locale] == nil ? defaultLocale : locale
        return Localizer(locale: chosen, table: messages[chosen] ?? [:], fallback: messages[defaultLocale] ?? [:],
                         dates: DateDisplay(timeZone: timeZone, localeIdentifier: chosen))
    }
}
