import Foundation
import HTTP
import Secrets
import Storage

/// A signed-in user's own account (any role): their sessions, each of which they can end, and
/// changing their password, which ends every other session of theirs.
struct AccountController: Sendable {
    let accounts: AccountStore
    let sessions: SessionStore
    let passwords: PasswordHasher
    let rules: PasswordRules
    let attempts: PasswordAttempts
    let audit: AuditTrail
    let pages: PageRenderer
    let clock: Clock
    let secureCookies: Bool

    func page(notice: AccountNotice?, context: RequestContext) throws -> HTTPResponse {
        let (user, current) = try signedIn(context)
        let model = AccountPage(sessions: try sessions.sessions(userID: user.id, at: clock.now()), current: current.id,
                                timeouts: sessions.timeouts, notice: notice, localizer: context.localizer)
        return pages.render(model, context: context)
    }

    /// Ends one of the user's sessions; ending the one in use logs out.
    func endSession(_ id: Int64, context: inout RequestContext) throws -> HTTPResponse {
        let (user, current) = try signedIn(context)
        guard try sessions.end(id: id, userID: user.id) else { throw HTTPError.notFound }
        audit.record(.sessionEnded, .success, by: user, address: context.clientAddress, detail: id == current.id ? "current_session" : "")
        if id == current.id {
            context.setCookies.append(Cookie.clear(Cookie.session(secure: secureCookies), secure: secureCookies))
            return .redirect(to: Route.login.href)
        }
        return .redirect(to: Route.account(notice: .sessionEnded).href)
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
