import App
import Foundation

/// The language `cpor` speaks and where its messages are, worked out before a command's options are
/// parsed, so that even an error in them is said in that language.
enum CommandLineLanguage {
    /// The variables that name a language, in the order they count: CPOR_LOCALE (also the language
    /// of people who never chose one, see `serve --locale`), then the terminal's, as POSIX orders them.
    static let environmentNames = ["CPOR_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"]

    /// `--locale`, else the first of `environmentNames` that is set. Nil when that names no language
    /// (`C`, `POSIX`) or nothing is set: the catalog's default, English, then speaks; so does it
    /// for a language the catalog lacks.
    static func requested(_ words: [String], environment: [String: String]) -> String? {
        if let option = CommandLineOptions.lastValue(of: "locale", in: words) { return language(of: option) }
        for name in environmentNames {
            if let value = environment[name], !value.isEmpty { return language(of: value) }
        }
        return nil
    }

    /// The language of a locale name: `es_ES.UTF-8`, `es-ES`, `ES` and `es` are all `es`.
    static func language(of locale: String) -> String? {
        let language = locale.prefix { $0.isLetter }.lowercased()
        return language.isEmpty || language == "c" || language == "posix" ? nil : language
    }

    /// The templates folder, whose `locales/` holds the catalog: `--templates`, else CPOR_TEMPLATES,
    /// else the default `serve` reads too.
    static func templatesDirectory(_ words: [String], environment: [String: String]) -> String {
        CommandLineOptions.lastValue(of: "templates", in: words)
            ?? environment["CPOR_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? AppConfiguration().templatesDirectory
    }

    /// The terminal for this run, or the one English line that says why there is none.
    static func terminal(_ words: [String], environment: [String: String],
                         write: @escaping (Terminal.Stream, String) -> Void) -> Result<Terminal, CatalogMissing> {
        let folder = templatesDirectory(words, environment: environment) + "/locales"
        guard FileManager.default.fileExists(atPath: folder + "/en") else { return .failure(CatalogMissing(folder: folder, problem: nil)) }
        do {
            let catalog = try MessageCatalog.load(directory: folder, defaultLocale: "en")
            let language = requested(words, environment: environment) ?? catalog.defaultLocale
            return .success(Terminal(messages: catalog.localizer(for: language), languages: catalog.locales, write: write))
        } catch {
            return .failure(CatalogMissing(folder: folder, problem: "\(error)"))
        }
    }

    /// Without its catalog `cpor` has no words in any language: this one line is all it says, in English.
    struct CatalogMissing: Error, CustomStringConvertible {
        let folder: String
        /// What is wrong with a catalog that is there (a file and line).
        let problem: String?

        var description: String {
            guard let problem else {
                return "cpor: no message catalog in \(folder) (run cpor in the folder that holds Templates, "
                    + "or set --templates or CPOR_TEMPLATES)"
            }
            return "cpor: cannot read the message catalog: \(problem)"
        }
    }
}
