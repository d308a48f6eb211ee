import Foundation
import HTTP
import Secrets
import Storage

/// Where a set-password link leads (no login: the token in the path is the credential). Setting
/// the password uses the link up and ends every session of the account.
struct PasswordLinkController: Sendable {
    let links: any PasswordLinkStore
    let passwords: PasswordHasher
    let rules: PasswordRules
    let audit: AuditTrail
    let pages: PageRenderer
    let clock: Clock

    func page(_ token: String, context: RequestContext) throws -> HTTPResponse {
        guard let user = try links.user(token: token, at: clock.now()) else { return unknown(context) }
        return Self.private(pages.render(SetPasswordPage(email: user.email, action: Route.passwordLink(token).href,
                                                         localizer: context.localizer), context: context))
    }

    func set(_ token: String, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        guard let user = try links.user(token: token, at: clock.now()) else {
            audit.record(.passwordLinkUsed, .failure, by: nil, address: context.clientAddress, operatorsOnly: true)
            return unknown(context)
        }
        let password = context.form.text("new_password")
        if let problem = rules.problem(with: password, accountWords: [user.email, user.name]) {
            return Self.private(pages.render(SetPasswordPage(email: user.email, action: Route.passwordLink(token).href, localizer: l,
                                                             error: problem.message(l)),
                                             status: .unprocessableContent, context: context))
        }
        // Checked again in the write: a link used twice at once sets the password once.
        guard let changed = try links.redeem(token: token, passwordHash: try passwords.hash(password), at: clock.now()) else {
            return unknown(context)
        }
        audit.record(.passwordLinkUsed, .success, by: changed, address: context.clientAddress)
        return .redirect(to: Route.login(next: nil, notice: .passwordSet).href)
    }

    private func unknown(_ context: RequestContext) -> HTTPResponse {
        Self.private(pages.render(PasswordLinkUnknownPage(title: context.localizer("password.unknown.title")), status: .notFound,
                                  context: context))
    }

    /// The token is in the URL: keep it out of caches and out of the Referer of any link followed.
    private static func `private`(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Referrer-Policy", "no-referrer")
        return response
    }
}
