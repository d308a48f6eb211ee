import Foundation
import HTTP
import Secrets
import Storage

/// A signed-in user's own account (any role): their sessions, each of which they can end (another
/// than the one in use once they give their password again), and changing their password, which
/// ends every other session of theirs.
struct AccountController: Sendable {
    let accounts: any AccountStore
    let sessions: any SessionStore
    let passwords: PasswordHasher
    let rules: PasswordRules
    let attempts: PasswordAttempts
    let audit: AuditTrail
    let pages: PageRenderer
    let clock: Clock
    let secureCookies: Bool

    func page(notice: AccountNotice?, context: RequestContext) throws -> HTTPResponse {
        try page(context: context, notice: notice)
    }

    /// Ends one of the user's sessions. Ending the one in use logs out; ending another asks for
    /// the password first (ASVS V7.5.2), so a borrowed browser cannot lock its owner out.
    func endSession(_ id: Int64, context: inout RequestContext) throws -> HTTPResponse {
        let (user, current) = try signedIn(context)
        if id == current.id {
            _ = try sessions.end(id: id, userID: user.id)
            audit.record(.sessionEnded, .success, by: user, address: context.clientAddress, detail: "current_session")
            context.setCookies.append(Cookie.clear(Cookie.session(secure: secureCookies), secure: secureCookies))
            return .redirect(to: Route.login.href)
        }
        guard try sessions.sessions(userID: user.id, at: clock.now()).contains(where: { $0.id == id }) else { throw HTTPError.notFound }
        if let refusal = try reauthenticate(user, context: context, confirming: .session(id)) { return refusal }
        guard try sessions.end(id: id, userID: user.id) else { throw HTTPError.notFound }
        audit.record(.sessionEnded, .success, by: user, address: context.clientAddress)
        return .redirect(to: Route.account(notice: .sessionEnded).href)
    }

    /// Ends every session of the user but the one in use, once they give their password.
    func endOtherSessions(context: RequestContext) throws -> HTTPResponse {
        let (user, current) = try signedIn(context)
        if let refusal = try reauthenticate(user, context: context, confirming: .others) { return refusal }
        try sessions.endOthers(userID: user.id, keeping: current.id)
        audit.record(.sessionEnded, .success, by: user, address: context.clientAddress, detail: "other_sessions")
        return .redirect(to: Route.account(notice: .othersEnded).href)
    }

    /// Nil when the form carries the user's password; else the page asking for it (again), with
    /// wrong passwords counted and throttled like failed logins.
    private func reauthenticate(_ user: UserAccount, context: RequestContext,
                                confirming: AccountPage.Confirming) throws -> HTTPResponse? {
        guard let password = context.form.field("password") else { return try page(context: context, confirming: confirming) }
        let l = context.localizer
        let now = clock.now()
        let address = context.clientAddress
        if let allowedAt = try attempts.nextTry(email: user.email, address: address, at: now) {
            audit.record(.sessionEnded, .refused, by: user, address: address, detail: "throttled")
            let wait = PasswordAttempts.wait(until: allowedAt, now: now, localizer: l)
            var response = try page(context: context, confirming: confirming, error: wait.message, status: .tooManyRequests)
            response.headers.set("Retry-After", String(wait.seconds))
            return response
        }
        let stored = try accounts.passwordHash(userID: user.id) ?? PasswordHasher.noPassword
        guard !password.isEmpty, PasswordHasher.isUsable(stored), passwords.verify(password, against: stored) else {
            if !password.isEmpty {
                try attempts.recordFailure(email: user.email, address: address, at: now)
                audit.record(.sessionEnded, .failure, by: user, address: address, detail: "wrong_current_password")
            }
            return try page(context: context, confirming: confirming,
                            error: l(password.isEmpty ? "error.field.required" : "account.password.error.current"),
                            status: .unprocessableContent)
        }
        try attempts.clear(email: user.email)
        return nil
    }

    private func page(context: RequestContext, notice: AccountNotice? = nil, confirming: AccountPage.Confirming? = nil,
                      error: String? = nil, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let (user, current) = try signedIn(context)
        let model = AccountPage(sessions: try sessions.sessions(userID: user.id, at: clock.now()), current: current.id,
                                timeouts: sessions.timeouts, notice: notice, localizer: context.localizer,
                                confirming: confirming, error: error)
        return pages.render(model, status: status, context: context)
    }

    func passwordForm(context: RequestContext) -> HTTPResponse {
        pages.render(PasswordChangePage(localizer: context.localizer), context: context)
    }

    /// ASVS V6.2.3: the current password first, then the new one under the rules. Wrong current
    /// passwords count as failed logins, so a borrowed session cannot guess its way in.
    func changePassword(context: RequestContext) throws -> HTTPResponse {
        let (user, current) = try signedIn(context)
        let l = context.localizer
        let address = context.clientAddress
        let now = clock.now()
        let currentPassword = context.form.text("current_password")
        let newPassword = context.form.text("new_password")
        if let allowedAt = try attempts.nextTry(email: user.email, address: address, at: now) {
            audit.record(.passwordChanged, .refused, by: user, address: address, detail: "throttled")
            let wait = PasswordAttempts.wait(until: allowedAt, now: now, localizer: l)
            var response = pages.render(PasswordChangePage(localizer: l, alert: wait.message), status: .tooManyRequests, context: context)
            response.headers.set("Retry-After", String(wait.seconds))
            return response
        }
        var errors = PasswordChangePage.Errors()
        errors.new = rules.problem(with: newPassword, accountWords: [user.email, user.name])?.message(l)
        let stored = try accounts.passwordHash(userID: user.id) ?? PasswordHasher.noPassword
        let currentMatches = !currentPassword.isEmpty && PasswordHasher.isUsable(stored)
            && passwords.verify(currentPassword, against: stored)
        if !currentMatches {
            errors.current = l(currentPassword.isEmpty ? "error.field.required" : "account.password.error.current")
            if !currentPassword.isEmpty {
                try attempts.recordFailure(email: user.email, address: address, at: now)
                audit.record(.passwordChanged, .failure, by: user, address: address, detail: "wrong_current_password")
            }
        } else if errors.new == nil, newPassword == currentPassword {
            errors.new = l("account.password.error.same")
        }
        guard errors.isEmpty else {
            return pages.render(PasswordChangePage(localizer: l, errors: errors), status: .unprocessableContent, context: context)
        }
        try attempts.clear(email: user.email)
        try accounts.setPassword(userID: user.id, hash: try passwords.hash(newPassword), keepingSession: current.id)
        audit.record(.passwordChanged, .success, by: user, address: address)
        return .redirect(to: Route.account(notice: .passwordChanged).href)
    }

    private func signedIn(_ context: RequestContext) throws -> (UserAccount, SessionRecord) {
        guard let session = context.session else { throw HTTPError(.forbidden) }
        return (session.user, session.record)
    }
}
