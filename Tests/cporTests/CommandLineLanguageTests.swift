import App
import Foundation
import Testing
@testable import cpor

/// The command line speaks the language it is asked for (`--locale`, CPOR_LOCALE, then the
/// terminal's), English when it has no such language, and finds every message it says in each one.
@Suite struct CommandLineLanguageTests {
    static let spanish = ["CPOR_LOCALE": "es"]

    @Test func aCommandsHelpInEnglishAndInSpanish() {
        let english = CommandRun("serve", "--help")
        #expect(english.status == 0)
        #expect(english.output.hasPrefix("usage:\n  cpor serve [--host 127.0.0.1] "))
        #expect(english.output.contains("\n        (runs the service; --demo fills an empty database with demo accounts and claims)\n"))
        #expect(english.output.contains("\nenvironment: CPOR_HOST, CPOR_PORT, "))
        #expect(english.output.contains("\nevery command also takes --locale en|es "))

        let spanish = CommandRun("serve", "--help", environment: Self.spanish)
        #expect(spanish.status == 0)
        #expect(spanish.output.hasPrefix("uso:\n  cpor serve [--host 127.0.0.1] "))
        #expect(spanish.output.contains("\n        (ejecuta el servicio; --demo llena una base de datos vacía con cuentas y solicitudes de\n"))
        #expect(spanish.output.contains("\nvariables de entorno: CPOR_HOST, CPOR_PORT, "))
        #expect(spanish.output.contains("\ntodos los comandos aceptan además --locale en|es "))
    }

    @Test func aUsageErrorInEnglishAndInSpanish() {
        let english = CommandRun("tick", "--now", "yesterday")
        #expect(english.status == 64)
        #expect(english.output.isEmpty)
        #expect(english.error.hasPrefix("cpor: 'yesterday' is not an ISO 8601 instant like 2026-03-02T09:00:00Z\nusage:\n  cpor tick "))

        let spanish = CommandRun("tick", "--now", "yesterday", environment: Self.spanish)
        #expect(spanish.status == 64)
        #expect(spanish.error.hasPrefix("cpor: “yesterday” no es un instante ISO 8601 como 2026-03-02T09:00:00Z\nuso:\n  cpor tick "))
        // The language is known before the options are parsed, so a misspelt option is said in it too.
        #expect(CommandRun("check", "--stuck", "5", "--locale", "es").error.hasPrefix("cpor: la opción --stuck no existe\nuso:\n"))
        #expect(CommandRun("frobnicate", environment: Self.spanish).error.hasPrefix("cpor: el comando “frobnicate” no existe\nuso:\n"))
    }

    @Test func theOptionBeatsCPORLocaleWhichBeatsTheTerminal() {
        func language(_ environment: [String: String], _ words: [String] = []) -> String? {
            CommandLineLanguage.requested(words, environment: environment)
        }
        #expect(language(["CPOR_LOCALE": "en"], ["--locale", "es"]) == "es")
        #expect(language(["CPOR_LOCALE": "es"], ["--db", "x", "--locale=en"]) == "en")
        #expect(language(["CPOR_LOCALE": "en", "LANG": "es_ES.UTF-8"]) == "en")
        #expect(language(["LANG": "es_ES.UTF-8"]) == "es")
        #expect(language(["LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_GB.UTF-8"]) == "es")
        #expect(language(["LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"]) == "en")
        // The first variable that is set decides, even when it names no language: the C locale is English.
        #expect(language(["LC_ALL": "C.UTF-8", "LANG": "es_ES.UTF-8"]) == nil)
        #expect(language(["CPOR_LOCALE": "", "LANG": "es_ES@euro"]) == "es")
        #expect(language([:]) == nil)
    }

    @Test func theTerminalsLanguageIsSpokenAndAnUnknownOneIsEnglish() {
        #expect(CommandRun("help", environment: ["LANG": "es_ES.UTF-8"]).output.hasPrefix("uso:\n"))
        #expect(CommandRun("help", environment: ["CPOR_LOCALE": "en", "LANG": "es_ES.UTF-8"]).output.hasPrefix("usage:\n"))
        #expect(CommandRun("help", environment: ["LANG": "fr_FR.UTF-8"]).output.hasPrefix("usage:\n"))
        #expect(CommandRun("help", "--locale", "fr", environment: Self.spanish).output.hasPrefix("usage:\n"))
    }

    @Test func withoutItsCatalogItSaysWhereItLookedAndStops() {
        let run = CommandRun("check", environment: ["CPOR_TEMPLATES": "/nonexistent/Templates"])
        #expect(run.status == 78)
        #expect(run.output.isEmpty)
        #expect(run.error == "cpor: no message catalog in /nonexistent/Templates/locales "
            + "(run cpor in the folder that holds Templates, or set --templates or CPOR_TEMPLATES)\n")
        #expect(CommandRun("help", "--templates", DataFolder.packageRoot + "/Templates",
                           environment: ["CPOR_TEMPLATES": "/nonexistent"]).status == 0)
    }

    /// Every `cli.` key the code names (a literal in the sources, a command's help, a check's name)
    /// is in every language, and the catalog holds no `cli.` key that nothing names.
    @Test func everyMessageTheCommandLineSaysIsInEveryLanguage() throws {
        let catalog = try MessageCatalog.load(directory: DataFolder.packageRoot + "/Templates/locales", defaultLocale: "en")
        var named = Set(CommandUsage.all.map(\.descriptionKey)).union(StoreCheck.Subject.allCases.map(\.messageKey))
        let literal = try Regex(#""(cli\.[a-z0-9_.]*[a-z0-9_])""#)  // a whole key, not a prefix
        let sources = DataFolder.packageRoot + "/Sources"
        let files = try #require(FileManager.default.enumerator(atPath: sources)).compactMap { $0 as? String }
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: literal) {
                named.insert(String(try #require(match.output[1].substring)))
            }
        }
        #expect(named.count > 50, "the sources were read")
        for locale in catalog.locales {
            let strict = catalog.localizer(for: locale)
            for key in named.sorted() {
                let plural = strict.translated(key + ".one") != nil && strict.translated(key + ".other") != nil
                #expect(strict.translated(key) != nil || plural, "\(locale) has no \(key)")
            }
        }
        let unnamed = catalog.keys(locale: "en").filter { key in
            key.hasPrefix("cli.") && !named.contains(key)
                && !named.contains(String(key.dropLast(key.hasSuffix(".one") ? 4 : key.hasSuffix(".other") ? 6 : 0)))
        }
        #expect(unnamed.isEmpty, "in the catalog, named nowhere: \(unnamed.sorted())")
    }
}
