import Claims
import Foundation
import HTTP
import Secrets
import Storage

/// Signing in and out. The session cookie holds only a random token; a fresh one is minted at
/// every login, so a token planted before login is worthless after it.
struct SessionController: Sendable {
    let accounts: any AccountStore
    let sessions: any SessionStore
    let passwords: PasswordHasher
    let random: SecureRandom
    let clock: Clock
    let pages: PageRenderer
    let secureCookies: Bool
    /// Verified against when an e-mail is unknown or has no password yet, so a failed login takes
    /// as long either way.
    let decoyPasswordHash: String
    let attempts: PasswordAttempts
    let audit: AuditTrail

    static func home(for role: Role) -> Route { role.isPartner ? .dashboard : .reviewQueue }

    func home(context: RequestContext) -> HTTPResponse {
        .redirect(to: (context.user.map { Self.home(for: $0.role) } ?? .login).href)
    }

    func loginForm(next: ReturnPath?, notice: LoginNotice?, context: RequestContext) -> HTTPResponse {
        if let user = context.user { return .redirect(to: next?.rawValue ?? Self.home(for: user.role).href) }
        return pages.render(LoginPage(title: context.localizer("login.title"), next: next?.rawValue ?? "",
                                      notice: notice.map { context.localizer($0.messageKey) }), context: context)
    }

    func login(context: inout RequestContext) throws -> HTTPResponse {
        let email = context.form.text("email").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = context.form.text("password")
        let next = ReturnPath(context.form.text("next"))
        let address = context.clientAddress
        let l = context.localizer
        func refuse(_ key: String) -> HTTPResponse {
            pages.render(LoginPage(title: l("login.title"), email: email, next: next?.rawValue ?? "", error: l(key)),
                         status: .unprocessableContent,
                         context: context)
        }
        guard !email.isEmpty, !password.isEmpty else { return refuse("login.error.missing") }
        // Throttled before any password work, and the same answer whether the account exists or not.
        let now = clock.now()
        if let allowedAt = try attempts.nextTry(email: email, address: address, at: now) {
            audit.record(.loginThrottled, .refused, by: nil, about: try accounts.credentials(email: email)?.user, address: address)
            let wait = PasswordAttempts.wait(until: allowedAt, now: now, localizer: l)
            var response = pages.render(LoginPage(title: l("login.title"), email: email, next: next?.rawValue ?? "", error: wait.message),
                                        status: .tooManyRequests, context: context)
            response.headers.set("Retry-After", String(wait.seconds))
            return response
        }
        // No password holds a control character (see PasswordRules), and crypt_r would stop at a NUL.
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return refuse("login.error.invalid")
        }
        let found = try accounts.credentials(email: email)
        let hash = found.map(\.passwordHash).flatMap { PasswordHasher.isUsable($0) ? $0 : nil }
        let matches = passwords.verify(password, against: hash ?? decoyPasswordHash) && hash != nil
        guard let user = found?.user, matches else {
            audit.record(.login, .failure, by: nil, about: found?.user, address: address)
            try attempts.recordFailure(email: email, address: address, at: now)
            return refuse("login.error.invalid")
        }
        try attempts.clear(email: email)
        // A language picked on the login page becomes the user's, unless they already saved one.
        if user.locale == nil, context.languageSource == .cookie {
            try accounts.setLocale(userID: user.id, to: context.localizer.locale)
        }
        let token = random.token()
        try sessions.create(userID: user.id, token: token, csrfToken: random.token(),
                            client: SessionClient(address: address, userAgent: context.request.headers["User-Agent"] ?? ""),
                            at: clock.now())
        audit.record(.login, .success, by: user, address: address)
        context.setCookies.append(Cookie.set(Cookie.session(secure: secureCookies), token, secure: secureCookies,
                                             maxAge: Int(sessions.timeouts.absolute)))
        var response = HTTPResponse.redirect(to: next?.rawValue ?? Self.home(for: user.role).href)
        // The request came in anonymous; its log line names who it signed in.
        response.loggedUser = String(user.id)
        return response
    }

    /// The client's address without its port: one person's tries count together across connections.
    static func clientAddress(_ remote: String) -> String {
        if remote.hasPrefix("["), let close = remote.firstIndex(of: "]") { return String(remote[remote.index(after: remote.startIndex)..<close]) }
        guard let colon = remote.lastIndex(of: ":"), remote.firstIndex(of: ":") == colon else { return remote }
        return String(remote[..<colon])
    }

    /// The language switch. The choice is saved for a signed-in user (it follows them to other
    /// browsers and into their e-mails) and kept in a cookie for everyone; then back to the page
    /// it was made on.
    func chooseLanguage(context: inout RequestContext) throws -> HTTPResponse {
        guard let locale = context.languages.supported(context.form.text("locale")) else { throw HTTPError(.badRequest) }
        if let user = context.user { try accounts.setLocale(userID: user.id, to: locale) }
        context.setCookies.append(Cookie.set(Cookie.language, locale, secure: secureCookies, maxAge: 365 * 24 * 60 * 60))
        return .redirect(to: ReturnPath(context.form.text("next"), allowingLogin: true)?.rawValue ?? Route.home.href)
    }

    func logout(context: inout RequestContext) throws -> HTTPResponse {
        if let token = context.cookies[Cookie.session(secure: secureCookies)] {
            try sessions.end(token: token)
        }
        if let user = context.user { audit.record(.logout, .success, by: user, address: context.clientAddress) }
        context.setCookies.append(Cookie.clear(Cookie.session(secure: secureCookies), secure: secureCookies))
        return .redirect(to: Route.login.href)
    }
}
