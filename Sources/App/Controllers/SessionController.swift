import Claims
import Foundation
import HTTP
import Secrets
import Storage

/// Signing in and out. The session cookie holds only a random token; a fresh one is minted at
/// every login, so a token planted before login is worthless after it.
struct SessionController: Sendable {
    let accounts: AccountStore
    let passwords: PasswordHasher
    let random: SecureRandom
    let clock: Clock
    let pages: PageRenderer
    let secureCookies: Bool
    let sessionLifetime: TimeInterval
    /// Verified against when an e-mail is unknown, so a failed login takes as long either way.
    let decoyPasswordHash: String
    let log: @Sendable (String) -> Void

    static func home(for role: Role) -> Route { role.isPartner ? .dashboard : .reviewQueue }

    func home(context: RequestContext) -> HTTPResponse {
        .redirect(to: (context.user.map { Self.home(for: $0.role) } ?? .login).href)
    }

    func loginForm(next: ReturnPath?, context: RequestContext) -> HTTPResponse {
        if let user = context.user { return .redirect(to: next?.rawValue ?? Self.home(for: user.role).href) }
        return pages.render(LoginPage(title: context.localizer("login.title"), next: next?.rawValue ?? ""), context: context)
    }

    func login(context: inout RequestContext) throws -> HTTPResponse {
        let email = context.form.text("email").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = context.form.text("password")
        let next = ReturnPath(context.form.text("next"))
        let l = context.localizer
        func refuse(_ key: String) -> HTTPResponse {
            pages.render(LoginPage(title: l("login.title"), email: email, next: next?.rawValue ?? "", error: l(key)),
                         status: .unprocessableContent,
                         context: context)
        }
        guard !email.isEmpty, !password.isEmpty else { return refuse("login.error.missing") }
        // No password holds a control character (see the users page), and crypt_r would stop at a NUL.
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return refuse("login.error.invalid")
        }
        let found = try accounts.credentials(email: email)
        let matches = passwords.verify(password, against: found?.passwordHash ?? decoyPasswordHash)
        guard let user = found?.user, matches else {
            log("login failed for \(email.debugDescription)")
            return refuse("login.error.invalid")
        }
        let token = random.token()
        try accounts.createSession(userID: user.id, token: token, csrfToken: random.token(), at: clock.now(),
                                   lifetime: sessionLifetime)
        context.setCookies.append(Cookie.set(Cookie.session(secure: secureCookies), token, secure: secureCookies, maxAge: Int(sessionLifetime)))
        return .redirect(to: next?.rawValue ?? Self.home(for: user.role).href)
    }

    func logout(context: inout RequestContext) throws -> HTTPResponse {
        if let token = context.request.cookies[Cookie.session(secure: secureCookies)] {
            try accounts.deleteSession(token: token)
        }
        context.setCookies.append(Cookie.clear(Cookie.session(secure: secureCookies), secure: secureCookies))
        return .redirect(to: Route.login.href)
    }
}
