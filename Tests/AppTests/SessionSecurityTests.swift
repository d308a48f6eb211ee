import Foundation
import HTTP
import Seeding
import Storage
import Testing
@testable import App

/// ASVS V7.3: sessions end after an idle time and at an absolute time, both configurable.
@Suite struct ASVS_V7_3_SessionTimeoutTests {
    static let start = Date(timeIntervalSince1970: 1_796_119_200)

    @Test func aSessionUnusedForThirtyMinutesEndsAndSaysSo() throws {
        let clock = MovableClock(Self.start)
        let app = try TestApp(clock: clock.clock)
        app.login("incentives@contoso.example")
        clock.advance(minutes: 29)
        #expect(app.send("GET", "/claims").status == 200)
        clock.advance(minutes: 29)
        #expect(app.send("GET", "/claims").status == 200, "the last request moved the idle deadline")
        clock.advance(minutes: 31)
        let ended = app.send("GET", "/claims")
        #expect(ended.status == 303 && ended.headers["Location"] == "/login?next=%2Fclaims&done=session_ended")
        #expect(app.cookies["cpor_session"] == nil, "the dead cookie is cleared")
        #expect(app.send("GET", ended.headers["Location"]!).bodyText.contains("Your session has ended. Log in again to carry on."))
    }

    @Test func activityNeverOutlastsTheAbsoluteTimeout() throws {
        let clock = MovableClock(Self.start)
        let app = try TestApp(clock: clock.clock)
        app.login("incentives@contoso.example")
        for _ in 0..<(12 * 3 - 1) {
            clock.advance(minutes: 20)
            #expect(app.send("GET", "/claims").status == 200)
        }
        clock.advance(minutes: 20)
        #expect(app.send("GET", "/claims").status == 303, "12 hours after the login")
    }

    @Test func bothTimeoutsAreConfigurable() throws {
        let clock = MovableClock(Self.start)
        let app = try TestApp(clock: clock.clock, configure: { $0.sessions = SessionTimeouts(absolute: 2 * 3600, idle: 5 * 60) })
        let login = app.login("incentives@contoso.example")
        #expect(login.headers.values("Set-Cookie").contains { $0.hasPrefix("cpor_session=") && $0.contains("Max-Age=7200") })
        clock.advance(minutes: 6)
        #expect(app.send("GET", "/claims").status == 303)
        app.login("incentives@contoso.example")
        #expect(app.send("GET", "/account").bodyText.contains("Sessions end after 5 minutes without activity, and 2 hours after logging in."))
    }

    /// Reads stay cheap: a busy session writes its activity about once a minute, not per request.
    @Test func activityIsWrittenAtMostOnceAMinute() throws {
        let clock = MovableClock(Self.start)
        let app = try TestApp(clock: clock.clock)
        app.login("incentives@contoso.example")
        let user = try #require(try app.application.accounts.credentials(email: "incentives@contoso.example")).user
        func lastActive() throws -> Date? { try app.application.sessions.sessions(userID: user.id, at: clock.clock.now()).first?.lastActiveAt }
        let first = try lastActive()
        clock.advance(minutes: 0.5)
        _ = app.send("GET", "/claims")
        #expect(try lastActive() == first)
        clock.advance(minutes: 0.6)
        _ = app.send("GET", "/claims")
        #expect(try lastActive() == clock.clock.now())
    }
}

/// ASVS V7.4 and V7.5: a user sees their own sessions and can end any of them; a password change
/// ends every other one.
@Suite struct ASVS_V7_4_SessionTerminationTests {
    /// Two browsers of one user: `app`'s cookie jar, and `other`, a copy of it logged in afresh.
    static func twoBrowsers(_ email: String = "incentives@contoso.example") throws -> (TestApp, [String: String]) {
        let app = try TestApp()
        app.login(email)
        let laptop = app.cookies
        app.cookies = [:]
        app.login(email)
        return (app, laptop)
    }

    @Test func theAccountPageListsOnlyTheUsersOwnSessionsAndMarksThisOne() throws {
        let app = try TestApp()
        app.remoteAddress = "198.51.100.23:51000"
        app.send("POST", "/login", form: [("_csrf", app.csrfToken()), ("email", "incentives@contoso.example"), ("password", DemoData.password)],
                 headers: [("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36")])
        let page = app.send("GET", "/account")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Chrome on Windows") && page.bodyText.contains("198.51.100.23"))
        #expect(page.bodyText.contains("This session"))
        #expect(page.bodyText.components(separatedBy: "/account/sessions/").count == 2, "one session: this one")
    }

    @Test func endingAnotherSessionLogsThatBrowserOut() throws {
        let (app, laptop) = try Self.twoBrowsers()
        let page = app.send("GET", "/account").bodyText
        let ids = page.matches(of: /\/account\/sessions\/(\d+)/).map { String($0.output.1) }
        #expect(ids.count == 2)
        let current = try #require(try app.application.sessions.session(token: app.cookies["cpor_session"]!, at: Date())).record.id
        let other = try #require(ids.first { $0 != String(current) })
        let csrf = app.csrfToken(from: "/account")
        #expect(app.send("POST", "/account/sessions/\(other)", form: [("_csrf", "forged")]).status == 403)
        // ASVS V7.5.2: ending another session asks for the password first.
        let asked = app.send("POST", "/account/sessions/\(other)", form: [("_csrf", csrf)])
        #expect(asked.status == 200 && asked.bodyText.contains("Your password, to confirm"))
        let wrong = app.send("POST", "/account/sessions/\(other)", form: [("_csrf", csrf), ("password", "not-it")])
        #expect(wrong.status == 422 && wrong.bodyText.contains("This is not your current password."))
        let ended = app.send("POST", "/account/sessions/\(other)", form: [("_csrf", csrf), ("password", DemoData.password)])
        #expect(ended.status == 303 && ended.headers["Location"] == "/account?done=session_ended")
        #expect(app.send("GET", "/claims").status == 200, "this browser stays in")
        app.cookies = laptop
        #expect(app.send("GET", "/claims").status == 303, "the other is out")
    }

    @Test func everyOtherSessionEndsAtOnceOnceThePasswordIsGiven() throws {
        let (app, laptop) = try Self.twoBrowsers()
        let csrf = app.csrfToken(from: "/account")
        #expect(app.send("GET", "/account").bodyText.contains("End every other session"))
        #expect(app.send("POST", "/account/sessions", form: [("_csrf", csrf)]).bodyText.contains("Your password, to confirm"))
        let ended = app.send("POST", "/account/sessions", form: [("_csrf", csrf), ("password", DemoData.password)])
        #expect(ended.status == 303 && ended.headers["Location"] == "/account?done=others_ended")
        #expect(app.send("GET", "/claims").status == 200)
        app.cookies = laptop
        #expect(app.send("GET", "/claims").status == 303)
    }

    @Test func endingThisSessionIsALogout() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let current = try #require(try app.application.sessions.session(token: app.cookies["cpor_session"]!, at: Date())).record.id
        let response = app.send("POST", "/account/sessions/\(current)", form: [("_csrf", app.csrfToken(from: "/account"))])
        #expect(response.status == 303 && response.headers["Location"] == "/login")
        #expect(app.cookies["cpor_session"] == nil)
    }

    @Test func nobodyEndsAnotherUsersSession() throws {
        let app = try TestApp()
        app.login("billing@contoso.example")
        let beas = try #require(try app.application.sessions.session(token: app.cookies["cpor_session"]!, at: Date())).record.id
        let bea = app.cookies
        app.cookies = [:]
        app.login("global@contoso.example")
        #expect(app.send("POST", "/account/sessions/\(beas)", form: [("_csrf", app.csrfToken(from: "/account")),
                                                                    ("password", DemoData.password)]).status == 404)
        app.cookies = bea
        #expect(app.send("GET", "/claims").status == 200)
    }

    /// ASVS V7.4.3: after a password change every other session of the user has ended.
    @Test func aPasswordChangeEndsEveryOtherSession() throws {
        let (app, laptop) = try Self.twoBrowsers()
        let changed = app.send("POST", "/account/password", form: [
            ("_csrf", app.csrfToken(from: "/account/password")), ("current_password", DemoData.password),
            ("new_password", "correct horse battery staple"),
        ])
        #expect(changed.status == 303 && changed.headers["Location"] == "/account?done=password_changed")
        #expect(app.send("GET", "/account?done=password_changed").bodyText.contains("Password changed. Every other session of yours has ended."))
        app.cookies = laptop
        #expect(app.send("GET", "/claims").status == 303)
        app.cookies = [:]
        #expect(app.login("incentives@contoso.example").status == 422, "the old password is gone")
        #expect(app.login("incentives@contoso.example", password: "correct horse battery staple").status == 303)
    }
}
