import Claims
import Foundation
import HTTP
import Secrets
import Seeding
import Storage
import Synchronization
import Testing
@testable import App

/// ASVS V6.2: every new password, changed by its owner or set through a link, is checked against
/// the same rules: at least 12 characters, no control characters, not among the 10,000 most
/// common passwords, not built on the account's own e-mail or name.
@Suite struct ASVS_V6_2_PasswordRulesTests {
    @Test func theShippedListHoldsTheTenThousandCommonestPasswords() throws {
        let rules = try PasswordRules.load(commonPasswordsFile: TestApp.packageRoot + "/Templates/passwords/common-passwords.txt")
        #expect(rules.commonPasswordCount == 10_000)
        for common in ["password1234", "qwerty123456", "1qaz2wsx3edc", "Password1234"] {
            #expect(rules.problem(with: common) == .common, "\(common)")
        }
        #expect(rules.problem(with: "correct horse battery staple") == nil)
    }

    @Test func theRulesInTheirOrder() {
        let rules = PasswordRules(commonPasswords: ["averycommonone"])
        #expect(rules.problem(with: "short") == .tooShort(minimum: 12))
        #expect(rules.problem(with: "tab\there-and-long") == .controlCharacter)
        #expect(rules.problem(with: String(repeating: "x", count: 513)) == .tooLong(maximum: 512))
        #expect(rules.problem(with: String(repeating: "x", count: 512)) == nil)
        #expect(rules.problem(with: "AVeryCommonOne") == .common)
        #expect(rules.problem(with: "ivan.incentives-2026", accountWords: ["ivan.incentives@contoso.example", "Ivan Incentives"])
                == .containsAccountName)
        #expect(rules.problem(with: "ivanincentives!!", accountWords: ["x@y.example", "Ivan Incentives"]) == .containsAccountName)
        #expect(rules.problem(with: "mountains of ivy", accountWords: ["ivy@contoso.example", "Ivy Ng"]) == nil,
                "parts under four characters turn up by chance")
    }

    func change(_ app: TestApp, current: String = DemoData.password, to new: String) -> HTTPResponse {
        app.send("POST", "/account/password", form: [("_csrf", app.csrfToken(from: "/account/password")),
                                                     ("current_password", current), ("new_password", new)])
    }

    /// ASVS V6.2.3: changing a password asks for the current one; V6.2.4 and V6.2.11 the list and the account's words.
    @Test func aChangeNeedsTheCurrentPasswordAndANewOneThatPassesTheRules() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        #expect(app.send("GET", "/account/password").bodyText.contains(#"autocomplete="current-password""#))
        let wrong = change(app, current: "not-my-password", to: "correct horse battery staple")
        #expect(wrong.status == 422 && wrong.bodyText.contains("This is not your current password."))
        let common = change(app, to: "password1234")
        #expect(common.status == 422 && common.bodyText.contains("one of the most common passwords"))
        let own = change(app, to: "incentives-forever")
        #expect(own.status == 422 && own.bodyText.contains("does not contain your e-mail address or your name"))
        let short = change(app, to: "tiny")
        #expect(short.status == 422 && short.bodyText.contains("Use at least 12 characters."))
        let same = change(app, to: DemoData.password)
        #expect(same.status == 422)
        let hash = try #require(try app.application.accounts.credentials(email: "incentives@contoso.example")?.passwordHash)
        #expect(app.application.passwords.verify(DemoData.password, against: hash), "nothing changed")
        #expect(change(app, to: "correct horse battery staple").status == 303)
    }

    /// A borrowed session cannot guess the current password: wrong ones count like failed logins.
    @Test func wrongCurrentPasswordsAreThrottledLikeLogins() throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_796_119_200))
        let app = try TestApp(clock: clock.clock)
        app.login("incentives@contoso.example")
        for _ in 0..<3 { #expect(change(app, current: "guess", to: "correct horse battery staple").status == 422) }
        let slowed = change(app, current: DemoData.password, to: "correct horse battery staple")
        #expect(slowed.status == 429 && slowed.headers["Retry-After"] == "1")
    }
}

/// ASVS V6.4: a global admin sends a user a single-use set-password link by e-mail; it works for one
/// hour, its token is kept only as a hash and never reaches a log; a new user gets their first
/// password this way.
@Suite struct ASVS_V6_4_SetPasswordLinkTests {
    static let start = Date(timeIntervalSince1970: 1_796_119_200)

    /// The link in the newest set-password e-mail to `email`.
    static func link(_ app: TestApp, to email: String) throws -> String {
        let message = try #require(try app.application.outbox.recent(limit: 20).first {
            $0.email.kind == .setPassword && $0.email.recipient.rawValue == email
        })
        let token = try #require(message.email.parameters["password_token"])
        return Route.passwordLink(token).href
    }

    func setPassword(_ app: TestApp, _ link: String, _ password: String) -> HTTPResponse {
        app.send("POST", link, form: [("_csrf", app.csrfToken(from: link)), ("new_password", password)])
    }

    @Test func aNewUserSetsTheirFirstPasswordThroughTheLink() throws {
        let clock = MovableClock(Self.start)
        let admin = try TestApp(clock: clock.clock)
        admin.login("global@contoso.example")
        let added = admin.send("POST", "/organization/users", form: [("_csrf", admin.sessionCSRF), ("email", "Nell@Contoso.example"),
                                                                     ("name", "Nell New"), ("role", "billing_admin")])
        #expect(added.status == 303 && added.headers["Location"] == "/organization/users?done=added")
        let list = admin.send("GET", "/organization/users").bodyText
        #expect(list.contains("Nell New") && list.contains("Waiting for a password"))
        let link = try Self.link(admin, to: "nell@contoso.example")
        #expect(try admin.application.accounts.credentials(email: "nell@contoso.example").map { PasswordHasher.isUsable($0.passwordHash) } == false)

        admin.cookies = [:]  // now Nell's browser, not signed in
        let page = admin.send("GET", link)
        #expect(page.status == 200 && page.bodyText.contains("nell@contoso.example"))
        #expect(page.headers["Referrer-Policy"] == "no-referrer" && page.headers["Cache-Control"] == "no-store")
        #expect(setPassword(admin, link, "password1234").status == 422, "the rules apply")
        let set = setPassword(admin, link, "a long walk by the river")
        #expect(set.status == 303 && set.headers["Location"] == "/login?done=password_set")
        #expect(admin.send("GET", "/login?done=password_set").bodyText.contains("Your password is set. Log in with it."))
        #expect(admin.login("nell@contoso.example", password: "a long walk by the river").status == 303)
        admin.cookies = [:]
        let again = admin.send("GET", link)
        #expect(again.status == 404 && again.bodyText.contains("This link no longer works"), "single use")
        #expect(setPassword(admin, link, "another long password").status == 404)
    }

    @Test func aLinkWorksForOneHourAndOnlyTheNewestWorks() throws {
        let clock = MovableClock(Self.start)
        let app = try TestApp(clock: clock.clock)
        app.login("global@contoso.example")
        let bea = try #require(try app.application.accounts.credentials(email: "billing@contoso.example")).user
        func send() -> HTTPResponse {
            app.send("POST", "/organization/users/\(bea.id)", form: [("_csrf", app.sessionCSRF), ("change", "send_link")])
        }
        let sent = send()
        #expect(sent.status == 303 && sent.headers["Location"] == "/organization/users?done=link_sent")
        let first = try Self.link(app, to: "billing@contoso.example")
        _ = send()
        let second = try Self.link(app, to: "billing@contoso.example")
        #expect(first != second)
        app.cookies = [:]
        #expect(app.send("GET", first).status == 404, "replaced by the newer one")
        #expect(app.send("GET", second).status == 200)
        clock.advance(minutes: 61)
        #expect(app.send("GET", second).status == 404, "expired")
    }

    @Test func usingALinkEndsEverySessionOfTheAccount() throws {
        let app = try TestApp()
        app.login("billing@contoso.example")
        let bea = app.cookies
        app.cookies = [:]
        app.login("global@contoso.example")
        let id = try #require(try app.application.accounts.credentials(email: "billing@contoso.example")).user.id
        app.send("POST", "/organization/users/\(id)", form: [("_csrf", app.sessionCSRF), ("change", "send_link")])
        let link = try Self.link(app, to: "billing@contoso.example")
        app.cookies = [:]
        #expect(setPassword(app, link, "a brand new passphrase").status == 303)
        app.cookies = bea
        #expect(app.send("GET", "/claims").status == 303)
    }

    @Test func theTokenIsStoredHashedAndKeptOutOfLogs() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        let id = try #require(try app.application.accounts.credentials(email: "billing@contoso.example")).user.id
        app.send("POST", "/organization/users/\(id)", form: [("_csrf", app.sessionCSRF), ("change", "send_link")])
        let link = try Self.link(app, to: "billing@contoso.example")
        let token = String(link.dropFirst("/password/".count))
        let stored = try app.database.pool.read { try $0.query("SELECT token_hash FROM password_links") }.map { try $0.string("token_hash") }
        #expect(stored.count == 1 && !stored.contains(token))
        #expect(app.application.configuration.http.loggable(link) == "/password/…")
        #expect(!app.logLines.contains { $0.contains(token) })
    }

    /// Only a global admin of the user's own organization sends a link.
    @Test func anotherOrganizationsUserGetsNoLink() throws {
        let app = try TestApp()
        app.login("incentives@fabrikam.example")
        let bea = try #require(try app.application.accounts.credentials(email: "billing@contoso.example")).user.id
        #expect(app.send("POST", "/organization/users/\(bea)", form: [("_csrf", app.sessionCSRF), ("change", "send_link")]).status == 403)
        #expect(try app.application.outbox.recent(limit: 10).allSatisfy { $0.email.kind != .setPassword })
    }

    @Test func theEmailCarriesTheLinkInTheRecipientsLanguage() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        app.send("POST", "/organization/users", form: [("_csrf", app.sessionCSRF), ("email", "nell@contoso.example"),
                                                      ("name", "Nell New"), ("role", "billing_admin")])
        let message = try #require(try app.application.outbox.recent(limit: 5).first { $0.email.kind == .setPassword })
        let mail = try app.application.composer(linkBase: "https://cpor.example").compose(message)
        #expect(mail.subject == "Set your password for customer associations (CPOR)")
        #expect(mail.textBody.contains("https://cpor.example/password/") && mail.textBody.contains("You log in with nell@contoso.example."))
        #expect(!mail.headers.contains { $0.0 == "X-CPOR-Claim" })
    }
}

/// ASVS V6.3.8 (no account enumeration): adding a user whose address another organization's user
/// holds answers exactly as a new address does, and tells the admin nothing about its owner.
@Suite struct ASVS_V6_3_UserEnumerationTests {
    @Test func anotherOrganizationsAddressIsAnsweredAsAFreshOne() throws {
        let app = try TestApp()
        app.login("global@contoso.example")
        func add(_ email: String) -> HTTPResponse {
            app.send("POST", "/organization/users", form: [("_csrf", app.sessionCSRF), ("email", email), ("name", "Someone"),
                                                          ("role", "billing_admin")])
        }
        let taken = add("incentives@fabrikam.example")
        let reviewer = add("reviewer@reviewers.example")
        let fresh = add("fresh@contoso.example")
        for response in [taken, reviewer] {
            #expect(response.status == fresh.status && response.headers["Location"] == fresh.headers["Location"])
            #expect(response.bodyText == fresh.bodyText)
        }
        let farah = try #require(try app.application.accounts.credentials(email: "incentives@fabrikam.example")).user
        #expect(farah.name == "Farah Fabrikam" && farah.organizationName == "Fabrikam", "the owner's account is untouched")
        #expect(try app.application.accounts.users(organizationID: try #require(app.application.accounts.credentials(
            email: "global@contoso.example")?.user.organizationID)).filter { $0.name == "Someone" }.map(\.email) == ["fresh@contoso.example"])
        let mails = try app.application.outbox.recent(limit: 20).filter { $0.email.kind == .setPassword }
        #expect(mails.map(\.email.recipient.rawValue) == ["fresh@contoso.example"], "no e-mail to the owner")
        let audit = app.send("GET", "/organization/audit").bodyText
        #expect(!audit.contains("Fabrikam") && !audit.contains("fabrikam") && !audit.contains("address already in use"))
        // Same-organization addresses are the admin's own to see.
        let own = add("billing@contoso.example")
        #expect(own.status == 422 && own.bodyText.contains("Someone in your organization already has this e-mail address."))
    }
}

/// yescrypt takes 16 MiB for each hash while it runs, so hashes are worked out a core's worth at a
/// time: many sign-ins at once all finish, and each still gets its own answer.
@Suite struct PasswordHashingAtOnceTests {
    @Test func manyVerificationsAtOnceAllFinishWithTheirOwnAnswers() throws {
        let hasher = PasswordHasher()
        let stored = try hasher.hash("correct horse battery staple")
        let count = 3 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let answers = Mutex<[Int: Bool]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let password = index.isMultiple(of: 2) ? "correct horse battery staple" : "wrong horse \(index)"
            let matched = hasher.verify(password, against: stored)
            answers.withLock { $0[index] = matched }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == count)
        #expect(all.allSatisfy { $0.value == $0.key.isMultiple(of: 2) })
    }
}
