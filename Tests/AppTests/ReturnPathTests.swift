import Foundation
import HTTP
import Seeding
import Testing
@testable import App

/// A partner following an e-mail's link while signed out lands on that page after logging in, and
/// the return address can never send anyone to another site.
@Suite struct ReturnPathTests {
    @Test func aDeepLinkSurvivesTheLogin() throws {
        let app = try TestApp()
        let asked = app.send("GET", "/claims/C-1001?done=submitted")
        #expect(asked.status == 303)
        let login = try #require(asked.headers["Location"])
        #expect(login == "/login?next=%2Fclaims%2FC-1001%3Fdone%3Dsubmitted")
        let form = app.send("GET", login).bodyText
        #expect(form.contains(#"<input type="hidden" name="next" value="/claims/C-1001?done=submitted">"#))
        let signedIn = app.send("POST", "/login", form: [
            ("_csrf", app.csrfToken(from: login)), ("email", "incentives@contoso.example"),
            ("password", DemoData.password), ("next", "/claims/C-1001?done=submitted"),
        ])
        #expect(signedIn.status == 303)
        #expect(signedIn.headers["Location"] == "/claims/C-1001?done=submitted")
        // Signed in already: the login page sends them straight on.
        #expect(app.send("GET", "/login?next=%2Freview").headers["Location"] == "/review")
    }

    @Test(arguments: [
        "//evil.example/", "///evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example/claims",
        "javascript:alert(1)", "/login", "/logout", "/claims\r\nSet-Cookie: x=y", "evil.example", "", "/no/such/page",
        "/%2F%2Fevil.example",
    ])
    func noReturnAddressLeavesTheSite(_ next: String) throws {
        let app = try TestApp()
        let response = app.send("POST", "/login", form: [
            ("_csrf", app.csrfToken()), ("email", "incentives@contoso.example"), ("password", DemoData.password), ("next", next),
        ])
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/claims", "\(next.debugDescription) → \(response.headers["Location"] ?? "")")
        #expect(ReturnPath(next) == nil || next == "/%2F%2Fevil.example")
    }

    @Test func aPostNeverBecomesAReturnAddress() throws {
        let app = try TestApp()
        let response = app.send("POST", "/claims/new", form: [("_csrf", app.csrfToken()), ("name", "x")])
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/login")
    }
}
