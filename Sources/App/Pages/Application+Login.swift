import HTTP
import Storage
import Templating

extension Application {
    func loginForm(context: RequestContext, email: String = "", errorKey: String? = nil,
                   status: Int = 200) throws -> HTTPResponse {
        if let user = context.user, errorKey == nil {
            return .redirect(to: Self.home(for: user.role).path)
        }
        let l = context.localizer
        var values: [String: TemplateValue] = ["email": .string(email)]
        if let errorKey { values["error"] = .string(l(errorKey)) }
        return try pages.render("login", title: l("login.title"), values, status: status, context: context)
    }

    func login(context: inout RequestContext) throws -> HTTPResponse {
        let fields = try context.request.formFields()
        let email = fields.first { $0.0 == "email" }?.1.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let password = fields.first { $0.0 == "password" }?.1 ?? ""
        guard !email.isEmpty, !password.isEmpty else {
            return try loginForm(context: context, email: email, errorKey: "login.error.missing", status: 422)
        }
        let found = try accounts.credentials(email: email)
        let matches = passwords.verify(password, against: found?.passwordHash ?? decoyPasswordHash)
        guard let user = found?.user, matches else {
            log("login failed for \(email.debugDescription)")
            return try loginForm(context: context, email: email, errorKey: "login.error.invalid", status: 422)
        }
        // A fresh token at every login, so a token planted before login is worthless after it.
        let token = random.token()
        try accounts.createSession(userID: user.id, token: token, csrfToken: random.token(), at: clock.now(),
                                   lifetime: configuration.sessionLifetime)
        context.setCookies.append(Cookie.set(Cookie.session, token, secure: configuration.secureCookies,
                                             maxAge: Int(configuration.sessionLifetime)))
        return .redirect(to: Self.home(for: user.role).path)
    }

    func logout(context: inout RequestContext) throws -> HTTPResponse {
        if let token = context.request.cookies[Cookie.session] {
            try accounts.deleteSession(token: token)
        }
        context.setCookies.append(Cookie.clear(Cookie.session, secure: configuration.secureCookies))
        return .redirect(to: Route.login.path)
    }
}
