import Claims
import Foundation
import HTTP
import Seeding
import Templating
import Testing
@testable import App

/// The product in English and Spanish: complete catalogs, how a request's language is chosen, the
/// switch, and e-mails and exports in the reader's language.
@Suite struct LanguageTests {
    static func catalog() throws -> MessageCatalog {
        try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
    }

    static func placeholders(_ text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test func everyLanguageHasEveryKeyWithTheSamePlaceholders() throws {
        let catalog = try Self.catalog()
        #expect(catalog.locales == ["en", "es"])
        let english = catalog.keys(locale: "en")
        for locale in catalog.locales where locale != "en" {
            let keys = catalog.keys(locale: locale)
            #expect(english.subtracting(keys).isEmpty, "missing in \(locale): \(english.subtracting(keys).sorted())")
            #expect(keys.subtracting(english).isEmpty, "only in \(locale): \(keys.subtracting(english).sorted())")
            let strict = catalog.localizer(for: locale)
            for key in english.sorted() {
                guard let text = strict.translated(key), let original = catalog.text(key, locale: "en") else { continue }
                #expect(Self.placeholders(text) == Self.placeholders(original), "\(locale) \(key)")
            }
        }
    }

    /// Every page's template compiled against its model with only the language's own messages:
    /// a `{{t key}}` the language lacks fails here instead of showing English.
    @Test(arguments: ["en", "es"])
    func everyPageCompilesWithoutFallingBackToEnglish(_ locale: String) throws {
        let catalog = try Self.catalog()
        let templates = try TemplateSet.load(directory: TestApp.packageRoot + "/Templates")
        let strict = catalog.localizer(for: locale)
        func compile<P: Page>(_ page: P.Type) throws {
            _ = try templates.compile(P.template, for: P.self, layout: "layout", layoutModel: Layout.self,
                                      messages: { strict.translated($0) })
        }
        for page in PageRenderer.pages { try compile(page) }
        // E-mails and domain messages are looked up by key at run time: each must be translated.
        let used = templates.messageKeys().union(ClaimMessages.allMessageKeys).union(EmailComposer.messageKeys)
        #expect(used.filter { strict.translated($0) == nil }.isEmpty)
    }

    @Test func theBrowsersPreferencesAreReadByWeight() throws {
        let languages = Languages(catalog: try Self.catalog(), timeZone: .gmt)
        #expect(languages.preferred(in: "es-ES,es;q=0.9,en;q=0.8") == "es")
        #expect(languages.preferred(in: "en-US,en;q=0.9,es;q=0.8") == "en")
        #expect(languages.preferred(in: "fr-FR, fr;q=0.9, es;q=0.5") == "es")
        #expect(languages.preferred(in: "en;q=0.2, ES-mx;q=0.7") == "es")
        #expect(languages.preferred(in: "es;q=0, *") == "en")
        #expect(languages.preferred(in: "fr, de") == nil)
        #expect(languages.preferred(in: ";;,=,q=") == nil)
        #expect(languages.choose(saved: nil, cookie: nil, acceptLanguage: "fr").locale == "en")
    }

    @Test func aSavedChoiceBeatsTheSwitchWhichBeatsTheBrowser() throws {
        let languages = Languages(catalog: try Self.catalog(), timeZone: .gmt)
        #expect(languages.choose(saved: "es", cookie: "en", acceptLanguage: "en").source == .user)
        #expect(languages.choose(saved: "es", cookie: "en", acceptLanguage: "en").locale == "es")
        #expect(languages.choose(saved: nil, cookie: "es", acceptLanguage: "en").locale == "es")
        #expect(languages.choose(saved: "xx", cookie: "zz", acceptLanguage: "es-ES").locale == "es")
        #expect(languages.choose(saved: nil, cookie: nil, acceptLanguage: nil) == ("en", .configured))
    }

    @Test func pagesFollowTheBrowserAndTheSwitchKeepsThePage() throws {
        let app = try TestApp.withDemoClaims()
        let spanish = app.send("GET", "/login", headers: [("Accept-Language", "es-ES,es;q=0.9,en;q=0.5")])
        #expect(spanish.bodyText.contains(#"<html lang="es">"#))
        #expect(spanish.bodyText.contains("Iniciar sesión"))
        #expect(app.send("GET", "/login").bodyText.contains(#"<html lang="en">"#))

        // The switch on a claim's page comes back to that page, now in Spanish, and says so in <html lang>.
        app.login("incentives@contoso.example")
        let page = "/claims/C-1004?done=saved"
        let switched = app.send("POST", "/language", form: [("_csrf", app.csrfToken(from: page)), ("locale", "es"), ("next", page)])
        #expect(switched.status == 303)
        #expect(switched.headers["Location"] == page)
        #expect(app.send("GET", page).bodyText.contains(#"<html lang="es">"#))

        // Saved on the account: a new browser, with no cookie and an English Accept-Language, gets Spanish after login.
        app.send("POST", "/logout", form: [("_csrf", app.csrfToken(from: "/claims"))])
        app.cookies = [:]
        #expect(app.send("GET", "/login").bodyText.contains(#"<html lang="en">"#))
        app.login("incentives@contoso.example")
        let dashboard = app.send("GET", "/claims", headers: [("Accept-Language", "en")])
        #expect(dashboard.bodyText.contains(#"<html lang="es">"#) && dashboard.bodyText.contains("Solicitudes"))
    }

    @Test func theSwitchIsAFormThatNeedsItsTokenAndStaysOnThisSite() throws {
        let app = try TestApp.withDemoClaims()
        let token = app.csrfToken()
        #expect(app.send("POST", "/language", form: [("locale", "es"), ("next", "/login")]).status == 403)
        #expect(app.send("POST", "/language", form: [("_csrf", "forged"), ("locale", "es")]).status == 403)
        #expect(app.cookies["cpor_lang"] == nil)
        #expect(app.send("POST", "/language", form: [("_csrf", token), ("locale", "klingon")]).status == 400)
        for away in ["https://evil.example/", "//evil.example/", "/\\evil.example", "/logout"] {
            let response = app.send("POST", "/language", form: [("_csrf", token), ("locale", "es"), ("next", away)])
            #expect(response.status == 303 && response.headers["Location"] == "/", "\(away)")
        }
        #expect(app.cookies["cpor_lang"] == "es")
        #expect(app.send("GET", "/language").status == 405)
        // Chosen before login, it becomes the user's saved language.
        app.login("incentives@fabrikam.example")
        #expect(try app.application.accounts.credentials(email: "incentives@fabrikam.example")?.user.locale == "es")
    }

    @Test func theExportUsesTheLanguagesSeparatorAndKeepsDatesMachineReadable() throws {
        let app = try TestApp.withDemoClaims()
        app.cookies["cpor_lang"] = "es"
        app.login("global@contoso.example")
        let csv = app.send("GET", "/claims/export.csv").bodyText
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first.map { $0.drop { $0 == "\u{FEFF}" }.hasPrefix("Id. de solicitud;") } == true, "\(lines.first ?? "")")
        #expect(lines.first?.contains("Estado") == true)
        #expect(lines.dropFirst().allSatisfy { $0.contains(";") && !$0.contains("dic 2026") })
        #expect(csv.range(of: #";20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, options: .regularExpression) != nil)
    }

    @Test func eMailsAreWrittenInTheRecipientsLanguage() throws {
        let app = try TestApp.withDemoClaims()
        // Fabrikam's filer reads Spanish; Litware's contact (C-1007) was given Spanish on the form.
        let farah = try #require(try app.application.accounts.credentials(email: "incentives@fabrikam.example")?.user)
        try app.application.accounts.setLocale(userID: farah.id, to: "es")
        app.login("reviewer@reviewers.example")
        #expect(app.post("/review/C-1007/start", [("version", try app.version(of: "C-1007"))]).status == 303)
        #expect(app.post("/review/C-1007/approve", [("version", try app.version(of: "C-1007")), ("confirmed", "yes")]).status == 303)
        #expect(app.post("/review/C-1005/approve", [("version", try app.version(of: "C-1005")), ("confirmed", "yes")]).status == 303)
        let composer = app.application.composer(linkBase: "https://cpor.example")
        let mail = try app.application.outbox.recent(limit: 20).map { ($0.email, try composer.compose($0)) }
        let consent = try #require(mail.first { $0.0.kind == .consentRequest && $0.0.claimID == ClaimID("C-1007") }?.1)
        #expect(consent.subject.contains("le pide") || consent.textBody.contains("asociación"), "\(consent.subject)")
        #expect(consent.textBody.contains("dic 2026, 23:59 (UTC)"))
        #expect(consent.headers.contains { $0.0 == "Content-Language" && $0.1 == "es" })
        let approval = try #require(mail.first { $0.0.kind == .approval && $0.0.claimID == ClaimID("C-1007") }?.1)
        #expect(approval.textBody.contains("Se ha aprobado la solicitud C-1007"))
        // The consent page speaks the contact's language to an English browser, unless its reader switches.
        let token = try #require(try app.application.outbox.recent(limit: 20)
            .first { $0.email.kind == .consentRequest && $0.email.claimID == ClaimID("C-1007") }?.email.parameters["consent_token"])
        app.cookies = [:]
        let page = app.send("GET", "/consent/" + token, headers: [("Accept-Language", "en-GB,en")])
        #expect(page.bodyText.contains(#"<html lang="es">"#))
        app.cookies["cpor_lang"] = "en"
        #expect(app.send("GET", "/consent/" + token).bodyText.contains(#"<html lang="en">"#))
        // Contoso's people never chose a language, and C-1005's contact reads English.
        let english = try #require(mail.first { $0.0.kind == .consentRequest && $0.0.claimID == ClaimID("C-1005") }?.1)
        #expect(english.textBody.contains("Dec 2026, 23:59 (UTC)") && !english.textBody.contains("dic"))
    }
}
