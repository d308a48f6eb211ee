import Foundation
import HTTP
import Secrets
import Seeding
import Storage
import Testing
@testable import App

/// ASVS V3.5: before login the CSRF cookie is no plain double-submit: its value must carry the
/// HMAC of the service's key, so a value the client (or a sibling site) chose is refused.
@Suite struct ASVS_V3_5_SignedCSRFCookieTests {
    @Test func aValueTheClientChoseIsRefusedAndReplaced() throws {
        let app = try TestApp()
        let chosen = String(repeating: "a", count: 43)
        app.cookies["cpor_csrf"] = chosen
        let form = [("_csrf", chosen), ("email", "incentives@contoso.example"), ("password", DemoData.password)]
        let refused = app.send("POST", "/login", form: form)
        #expect(refused.status == 403)
        let minted = try #require(refused.headers.values("Set-Cookie").first { $0.hasPrefix("cpor_csrf=") })
        #expect(!minted.contains(chosen) && minted.contains("HttpOnly") && minted.contains("SameSite=Lax"))
        #expect(app.cookies["cpor_csrf"] != chosen)
        #expect(app.login("incentives@contoso.example").status == 303, "the service's own value works")
    }

    @Test func aValueSignedByAnotherDeploymentIsRefused() throws {
        let other = try TestApp(seedDemo: false)
        _ = other.send("GET", "/login")
        let foreign = try #require(other.cookies["cpor_csrf"])
        let app = try TestApp()
        app.cookies["cpor_csrf"] = foreign
        let form = [("_csrf", foreign), ("email", "incentives@contoso.example"), ("password", DemoData.password)]
        #expect(app.send("POST", "/login", form: form).status == 403)
    }

    @Test func theKeyIsMadeOnceAndOutlivesARestart() throws {
        let app = try TestApp()
        _ = app.send("GET", "/login")
        let token = try #require(app.cookies["cpor_csrf"])
        // A second process on the same database accepts what the first one minted.
        let again = try Application(configuration: app.application.configuration, database: app.database, log: { _ in })
        #expect(again.csrfCookie.isGenuine(token))
    }

    @Test func theTagIsCheckedWholeAndInConstantTime() {
        let cookie = CSRFCookie(key: [UInt8](repeating: 7, count: 32))
        let minted = cookie.mint(.system)
        #expect(cookie.isGenuine(minted))
        let parts = minted.split(separator: ".")
        #expect(parts.count == 2 && parts[0].count >= 43)
        #expect(!cookie.isGenuine(String(parts[0])))
        #expect(!cookie.isGenuine(String(parts[0]) + "." + String(parts[1].dropLast()) + (parts[1].last == "A" ? "B" : "A")))
        #expect(!cookie.isGenuine("short." + String(parts[1])))
        #expect(!CSRFCookie(key: [UInt8](repeating: 8, count: 32)).isGenuine(minted))
    }
}
