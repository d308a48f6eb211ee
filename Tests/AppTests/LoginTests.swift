import Foundation
import Seeding
import Testing
@testable import App

@Suite struct LoginTests {
    @Test(arguments: [
        ("global@contoso.example", "/claims"), ("incentives@contoso.example", "/claims"),
        ("billing@contoso.example", "/claims"), ("incentives@fabrikam.example", "/claims"),
        ("reviewer@reviewers.example", "/review"), ("reviewer2@reviewers.example", "/review"),
    ])
    func eachDemoUserLandsOnTheirRolesPage(email: String, landing: String) throws {
        let app = try TestApp()
        let response = app.login(email)
        #expect(response.status == 303)
        #expect(response.headers["Location"] == landing)
        let page = app.send("GET", landing)
        #expect(page.status == 200)
        #expect(page.bodyText.contains(DemoData.names[email]!))
    }

    @Test func sessionCookieIsHttpOnlyLaxAndCarriesOnlyAToken() throws {
        let app = try TestApp()
        let response = app.login("incentives@contoso.example")
        let cookie = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix("cpor_session=") })
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        #expect(cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"))
        let token = try #require(app.cookies["cpor_session"])
        #expect(token.count == 43) // 256 bits, base64url without padding
        #expect(!token.contains("@"))
    }

    @Test func wrongPasswordShowsTheFormAgainWithTheEmailKept() throws {
        let app = try TestApp()
        let response = app.login("incentives@contoso.example", password: "not-the-password")
        #expect(response.status == 422)
        #expect(response.bodyText.contains("do not match an active account"))
        #expect(response.bodyText.contains(#"value="incentives@contoso.example""#))
        #expect(app.cookies["cpor_session"] == nil)
    }

    @Test func unknownEmailGetsTheSameAnswerAsAWrongPassword() throws {
        let app = try TestApp()
        let unknown = app.login("nobody@contoso.example", password: "whatever-password")
        let wrong = app.login("incentives@contoso.example", password: "whatever-password")
        #expect(unknown.status == wrong.status)
        #expect(unknown.bodyText.replacingOccurrences(of: "nobody@contoso.example", with: "X")
                .replacingOccurrences(of: app.cookies["cpor_csrf"] ?? "-", with: "T")
                == wrong.bodyText.replacingOccurrences(of: "incentives@contoso.example", with: "X")
                .replacingOccurrences(of: app.cookies["cpor_csrf"] ?? "-", with: "T"))
    }

    @Test func emailIsEscapedWhenEchoedBack() throws {
        let app = try TestApp()
        let response = app.login("\"><script>alert(1)</script>", password: "x")
        #expect(!response.bodyText.contains("<script>alert(1)"))
        #expect(response.bodyText.contains("&quot;&gt;&lt;script&gt;"))
    }

    @Test func postWithoutOrWithWrongCSRFTokenIsRefused() throws {
        let app = try TestApp()
        _ = app.csrfToken()
        let missing = app.send("POST", "/login", form: [("email", "incentives@contoso.example"), ("password", DemoData.password)])
        #expect(missing.status == 403)
        #expect(missing.bodyText.contains("This form has expired"))
        let wrong = app.send("POST", "/login", form: [("_csrf", "forged-token-forged-token-forged-token"),
                                                      ("email", "incentives@contoso.example"), ("password", DemoData.password)])
        #expect(wrong.status == 403)
        #expect(app.cookies["cpor_session"] == nil)
    }

    @Test func logoutEndsTheSessionOnTheServer() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let stolen = try #require(app.cookies["cpor_session"])
        let token = app.csrfToken(from: "/claims")
        let response = app.send("POST", "/logout", form: [("_csrf", token)])
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/login")
        #expect(app.cookies["cpor_session"] == nil)
        app.cookies["cpor_session"] = stolen
        // Told the session has ended, which a replayed cookie learns nothing from.
        #expect(app.send("GET", "/claims").headers["Location"] == "/login?next=%2Fclaims&done=session_ended")
    }

    @Test func logoutNeedsTheSessionsCSRFToken() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        #expect(app.send("POST", "/logout", form: [("_csrf", "nope")]).status == 403)
        #expect(app.send("GET", "/claims").status == 200)
    }

    @Test func anonymousIsSentToLoginAndRolesToTheirOwnPages() throws {
        let app = try TestApp()
        #expect(app.send("GET", "/claims").headers["Location"] == "/login?next=%2Fclaims")
        #expect(app.send("GET", "/review").headers["Location"] == "/login?next=%2Freview")
        app.login("incentives@contoso.example")
        let forbidden = app.send("GET", "/review")
        #expect(forbidden.status == 403)
        #expect(forbidden.bodyText.contains("This page is for reviewers"))
        let reviewer = try TestApp()
        reviewer.login("reviewer@reviewers.example")
        #expect(reviewer.send("GET", "/claims").status == 403)
    }

    @Test func everyPageShowsWhoIsLoggedInAndTheirRole() throws {
        let app = try TestApp()
        app.login("billing@contoso.example")
        let page = app.send("GET", "/claims").bodyText
        #expect(page.contains("Bea Billing"))
        #expect(page.contains("Billing admin"))
        #expect(page.contains("Contoso"))
    }
}
