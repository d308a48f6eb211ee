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
        #expect((try? MessageCatalog.parse("# c\n\nk = v = w", file: "en.txt"))?.map { [$0.0, $0.1] } == [["k", "v = w"]])
    }

    @Test func everyRoleHasAnEnglishLabel() throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        for role in Role.allCases { #expect(catalog.text(role.messageKey, locale: "en") != nil) }
    }
}

import Claims

@Suite struct DomainMessageTests {
    @Test func theEnglishCatalogCoversEveryDomainMessage() throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        let missing = ClaimMessages.allMessageKeys.subtracting(catalog.keys(locale: "en"))
        #expect(missing.isEmpty, "missing: \(missing.sorted())")
    }

    @Test func domainArgumentsAreTranslatedAndDatesShownInTheZone() throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        let english = catalog.localizer(for: "en", timeZone: TimeZone(identifier: "Europe/Madrid")!)
        let error = ClaimError.wrongState(action: .approve, state: .partnerActionRequired, claim: ClaimID("C-1001"))
        #expect(english.message(error) == "“Approve” is not possible while the claim is Partner action required.")
        let closed = ClaimError.windowClosed(.disputeWindow, closedAt: Date(timeIntervalSince1970: 1_796_083_200)) // 2026-12-01T00:00Z
        #expect(english.message(closed).contains("1 Dec 2026 at 1:00"))
    }
}

import Foundation

import Storage

/// Keys built at run time (an event's kind, a notice) are in every language.
@Suite struct SecurityMessageTests {
    @Test(arguments: ["en", "es"])
    func everyAuditEventNoticeAndPasswordProblemHasItsText(_ locale: String) throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        var keys = AuditEvent.Kind.allCases.map { "audit.kind.\($0.rawValue)" } + AuditEvent.Outcome.allCases.map { "audit.outcome.\($0.rawValue)" }
        keys += LoginNotice.allCases.map(\.messageKey) + AccountNotice.allCases.map(\.messageKey) + UsersNotice.allCases.map(\.messageKey)
        keys += ["current_session", "other_sessions", "throttled", "wrong_current_password", "address_held_elsewhere"].map { "audit.detail.\($0)" }
        keys += ["too_short", "too_long", "control", "common", "account_name"].map { "password.error.\($0)" }
        for key in keys { #expect(catalog.text(key, locale: locale) != nil, "\(locale): \(key)") }
    }
}
