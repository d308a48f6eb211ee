import Claims
import Foundation
import HTTP
import Seeding
import Testing
@testable import App

/// ASVS V5.2: an upload's name follows its bytes. The type is proved by the bytes, so the name it
/// is kept and served under carries that type's extension, whatever the client called it.
@Suite struct ASVS_V5_2_UploadNameTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0]
    static let eml: [UInt8] = Array("From: a@example.com\r\nTo: b@example.com\r\nSubject: PoE\r\nDate: Mon, 1 Dec 2026 10:00:00 +0000\r\n\r\nbody\r\n".utf8)

    @Test(arguments: [
        ("evil.exe", "pdf", "evil.pdf"), ("x.html", "pdf", "x.pdf"), ("report.PDF", "pdf", "report.pdf"),
        ("photo.png", "png", "photo.png"), ("photo.jpeg", "jpeg", "photo.jpg"), ("scan.pdf", "jpeg", "scan.jpg"),
        ("mail.html", "eml", "mail.eml"), ("archive.tar.gz", "png", "archive.tar.png"),
    ])
    func theStoredNameCarriesTheProvenType(_ sent: String, _ kind: String, _ kept: String) throws {
        let bytes = switch kind {
        case "png": Self.png
        case "jpeg": Self.jpeg
        case "eml": Self.eml
        default: PartnerFixtures.pdf
        }
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        let response = app.upload(path + "/documents", [.field("_csrf", app.sessionCSRF),
                                                        .file(name: "documents", filename: sent, contentType: "application/octet-stream",
                                                              bytes: bytes)])
        #expect(response.status == 303, "\(sent)")
        let stored = try #require(try app.application.claims.claim(ClaimID("C-1001"))?.evidence.last)
        #expect(stored.filename == kept)
        let download = app.send("GET", Route.document(ClaimID("C-1001"), stored.id).href)
        #expect(download.headers["Content-Disposition"]?.contains("filename=\"\(kept)\"") == true)
    }
}

/// ASVS V6.2: a password holding a NUL or another control character is refused, since crypt_r
/// stops at a NUL ("a\0" plus twelve characters would otherwise log in with "a").
@Suite struct ASVS_V6_2_PasswordCharacterTests {
    @Test func aControlCharacterIsRefusedWhenSetAndNeverLogsIn() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        let refused = app.send("POST", "/account/password", form: [
            ("_csrf", app.sessionCSRF), ("current_password", DemoData.password), ("new_password", "a\u{0}bcdefghijklmnop"),
        ])
        #expect(refused.status == 422 && refused.bodyText.contains("cannot hold control characters"))
        let hash = try #require(try app.application.accounts.credentials(email: "global@contoso.example")?.passwordHash)
        #expect(app.application.passwords.verify(DemoData.password, against: hash), "unchanged")

        let visitor = try TestApp()
        let login = visitor.send("POST", "/login", form: [("_csrf", visitor.csrfToken()), ("email", "global@contoso.example"),
                                                         ("password", DemoData.password + "\u{0}tail")])
        #expect(login.status == 422)
        #expect(visitor.cookies["cpor_session"] == nil)
    }
}

/// ASVS V14/V8 hygiene: a consent link's token never reaches a log, and every page forbids plugins.
@Suite struct SecretsAndHeadersTests {
    @Test func theConsentTokenIsCutFromLoggedPaths() {
        let configuration = AppConfiguration().http
        #expect(configuration.loggable("/consent/abc123SECRET") == "/consent/…")
        #expect(configuration.loggable("/consent/") == "/consent/")
        #expect(configuration.loggable("/claims/C-1001") == "/claims/C-1001")
    }

    @Test func pagesForbidPluginObjects() throws {
        let app = try TestApp(seedDemo: false)
        #expect(app.send("GET", "/login").headers["Content-Security-Policy"]?.contains("object-src 'none'") == true)
    }
}

/// ASVS V3: behind TLS the cookies carry the `__Host-` prefix and browsers are told to stay on
/// HTTPS; every POST must come from this host when the browser says where it came from.
@Suite struct ASVS_V3_CookieAndOriginTests {
    @Test func behindTLSCookiesAreHostPrefixedAndHSTSIsSent() throws {
        let app = try TestApp(configure: { $0.secureCookies = true })
        let login = app.login("incentives@contoso.example")
        #expect(login.status == 303)
        let cookie = try #require(login.headers.values("Set-Cookie").first { $0.hasPrefix("__Host-cpor_session=") })
        #expect(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"))
        #expect(app.send("GET", "/claims").status == 200, "the prefixed cookie signs in")
        #expect(login.headers["Strict-Transport-Security"]?.hasPrefix("max-age=") == true)
        #expect(try TestApp(seedDemo: false).send("GET", "/login").headers["Strict-Transport-Security"] == nil, "not on plain HTTP")
    }

    @Test func aPostFromAnotherOriginIsRefusedEvenWithTheToken() throws {
        let app = try TestApp()
        let token = app.csrfToken()
        let form = [("_csrf", token), ("email", "incentives@contoso.example"), ("password", DemoData.password)]
        #expect(app.send("POST", "/login", form: form, headers: [("Origin", "https://evil.example")]).status == 403)
        #expect(app.send("POST", "/login", form: form, headers: [("Referer", "https://evil.example/x")]).status == 403)
        // A page with Referrer-Policy: no-referrer (the consent page) posts with Origin: null: the token decides.
        #expect(app.send("POST", "/login", form: form, headers: [("Origin", "null"), ("Referer", "https://evil.example/")]).status == 403)
        #expect(app.send("POST", "/login", form: form, headers: [("Origin", "null")]).status == 303)
    }

    @Test func behindAProxyThePublicAddressIsThisOrigin() throws {
        let app = try TestApp(configure: { $0.mail.baseURL = "https://cpor.example" })
        let form = [("_csrf", app.csrfToken()), ("email", "incentives@contoso.example"), ("password", DemoData.password)]
        #expect(app.send("POST", "/login", form: form, headers: [("Origin", "https://cpor.example")]).status == 303)
    }
}

/// ASVS V6.3: repeated failed logins slow down, then lock, the same way whether or not the account
/// exists; the user is told plainly when to try again; a throttled try does no password work.
@Suite struct ASVS_V6_3_LoginThrottlingTests {
    func attempt(_ app: TestApp, _ email: String, _ password: String) -> HTTPResponse {
        app.send("POST", "/login", form: [("_csrf", app.csrfToken()), ("email", email), ("password", password)])
    }

    @Test(arguments: ["incentives@contoso.example", "nobody@contoso.example"])
    func triesSlowDownThenLockAlikeForKnownAndUnknownAccounts(_ email: String) throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_796_119_200))
        let app = try TestApp(clock: clock.clock)
        for _ in 0..<3 { #expect(attempt(app, email, "wrong-password").status == 422) }
        let slowed = attempt(app, email, "wrong-password")
        #expect(slowed.status == 429)
        #expect(slowed.headers["Retry-After"] == "1")
        #expect(slowed.bodyText.contains("Too many tries. Wait a second, then try again."))
        // Each further failure doubles the wait; keep failing just after each wait, up to the lock.
        var failures = 3
        while failures < 10 {
            clock.advance(days: 70.0 / 86_400)
            #expect(attempt(app, email, "wrong-password").status == 422)
            failures += 1
        }
        let locked = attempt(app, email, DemoData.password)
        #expect(locked.status == 429 && locked.bodyText.contains("locked for 15 minutes"))
        #expect(app.cookies["cpor_session"] == nil, "not even the right password gets in while locked")
        clock.advance(days: 16.0 / 1_440)
        let after = attempt(app, email, DemoData.password)
        #expect(after.status == (email.hasPrefix("nobody") ? 422 : 303))
    }

    @Test func aSuccessfulLoginStartsTheAccountAfresh() throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_796_119_200))
        let app = try TestApp(clock: clock.clock)
        for _ in 0..<2 { _ = attempt(app, "incentives@contoso.example", "wrong-password") }
        #expect(attempt(app, "incentives@contoso.example", DemoData.password).status == 303)
        app.cookies = [:]
        for _ in 0..<3 { #expect(attempt(app, "incentives@contoso.example", "wrong-password").status == 422) }
    }

    @Test func theThrottleRule() {
        let throttle = LoginThrottle()
        let now = Date(timeIntervalSince1970: 10_000)
        #expect(throttle.nextTry(after: [now - 3, now - 2], at: now) == nil, "two failures cost nothing")
        #expect(throttle.nextTry(after: [now - 3, now - 2, now - 0.5], at: now) == now + 0.5, "the third waits a second")
        let ten = (0..<10).map { now - Double(10 - $0) }
        #expect(throttle.nextTry(after: ten, at: now) == now - 1 + 15 * 60, "ten lock for the window")
        #expect(throttle.nextTry(after: ten.map { $0 - 16 * 60 }, at: now) == nil, "old failures are forgotten")
    }
}
