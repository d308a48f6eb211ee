import Foundation
import Testing
@testable import App

/// The tenant directory's words come in English and Spanish, key for key, with the same
/// placeholders, so neither language shows a raw key or a `{name}` left unfilled.
@Suite struct DirectoryMessagesTests {
    static func table(_ locale: String) throws -> [String: String] {
        let path = TestApp.packageRoot + "/Templates/locales/\(locale)/directory.txt"
        return Dictionary(uniqueKeysWithValues: try MessageCatalog.parse(try String(contentsOfFile: path, encoding: .utf8), file: path))
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}", maxSplits: 1).first.map(String.init) })
    }

    @Test func spanishHasEveryEnglishKeyWithTheSamePlaceholders() throws {
        let english = try Self.table("en"), spanish = try Self.table("es")
        #expect(Set(english.keys) == Set(spanish.keys))
        for (key, text) in english {
            #expect(Self.placeholders(text) == Self.placeholders(spanish[key] ?? ""), "\(key)")
        }
    }
}
