import Testing
@testable import App

@Suite struct MessageCatalogTests {
    @Test func fillsPlaceholdersInOnePass() throws {
        let catalog = MessageCatalog(messages: ["en": ["greet": "Hello {name}, {x}"]], defaultLocale: "en")
        let l = catalog.localizer(for: "en")
        #expect(l("greet", ["name": "{x}", "x": "y"]) == "Hello {x}, y")
    }

    @Test func unknownLocaleFallsBackToTheDefault() {
        let catalog = MessageCatalog(messages: ["en": ["a": "A"]], defaultLocale: "en")
        #expect(catalog.localizer(for: "xx")("a") == "A")
    }

    @Test func parseRejectsDuplicatesAndLinesWithoutEquals() {
        #expect(throws: MessageCatalog.LoadError.self) { try MessageCatalog.parse("a = 1\na = 2", file: "en.txt") }
        #expect(throws: MessageCatalog.LoadError.self) { try MessageCatalog.parse("just words", file: "en.txt") }
        #expect((try? MessageCatalog.parse("# c\n\nk = v = w", file: "en.txt")) == ["k": "v = w"])
    }

    @Test func everyRoleHasAnEnglishLabel() throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        for role in Role.allCases { #expect(catalog.text(role.messageKey, locale: "en") != nil) }
    }
}

import Claims
