import Claims
import Foundation
import Documents
import HTTP
import Mail
import Secrets
import Storage
import Templating

/// The web application: wiring, and the pipeline every request goes through. Built once at
/// start-up, when templates are compiled against their page models, messages and static files are
/// loaded and checked, so a mistake in any of them stops the service before it takes a request.
public final class Application: Sendable {
    public let configuration: AppConfiguration
    /// Every store, from one backend: SQLite or PostgreSQL.
    public let stores: Stores
    public var accounts: any AccountStore { stores.accounts }
    public var sessions: any SessionStore { stores.sessions }
    public var auditEvents: any AuditEventStore { stores.auditEvents }
    public var claims: any ClaimQueries { stores.claims }
    /// The tenant directory claims are checked against when an operator has loaded one.
    public var tenantDirectory: any TenantDirectoryStore { stores.tenantDirectory }
    public var outbox: any OutboxStore { stores.outbox }
    public let rules: WorkflowRules
    public let catalog: MessageCatalog
    public let clock: Clock
    public let passwords = PasswordHasher()
    public let log: @Sendable (String) -> Void
    let languages: Languages
    let outboxWakeUp = OutboxWakeUp()
    let emailTemplates: EmailTemplates
    let pages: PageRenderer
    let random: SecureRandom
    let documents: any DocumentContentStore

    let csrfCookie: CSRFCookie
    let audit: AuditTrail

    let session: SessionController
    let account: AccountController
    let passwordLink: PasswordLinkController
    let organizationAudit: OrganizationAuditController
    let partnerClaims: PartnerClaimsController
    let partnerUsers: PartnerUsersController
    let documentFiles: DocumentsController
    let review: ReviewController
    let consent: ConsentController
    let operations: OperationsController
    let monitoring: MonitoringController
    /// Whether the service takes traffic; `serve` marks it ready, then stopping.
    public let readiness: Readiness
    public let metrics: ServiceMetrics

    /// The application on one SQLite file.
    /// The application on one SQLite file, with PoE files in `configuration.documentsDirectory`.
    public convenience init(configuration: AppConfiguration, database: Database, clock: Clock = .system,
                            random: SecureRandom = .system, log: @escaping @Sendable (String) -> Void) throws {
        try self.init(configuration: configuration, stores: .sqlite(database, sessionTimeouts: configuration.sessions),
                      documents: try DocumentFiles(root: configuration.documentsDirectory),
                      clock: clock, random: random, log: log)
    }

    public init(configuration: AppConfiguration, stores: Stores, documents: any DocumentContentStore, clock: Clock = .system,
                random: SecureRandom = .system, log: @escaping @Sendable (String) -> Void) throws {
        self.configuration = configuration
        self.stores = stores
        self.documents = documents
        self.clock = clock
        self.random = random
        self.log = log
        let accounts = stores.accounts, claims = stores.claims
        audit = AuditTrail(store: stores.auditEvents, clock: clock, log: log)
        csrfCookie = CSRFCookie(key: try stores.serverSecret.csrfKey(orMake: { random.bytes(32) }, at: clock.now()))
        let passwordRules = try PasswordRules.load(commonPasswordsFile: configuration.commonPasswordsFile)
        rules = try configuration.workflowRules(random: random)
        let templates = try TemplateSet.load(directory: configuration.templatesDirectory)
        catalog = try MessageCatalog.load(directory: configuration.templatesDirectory + "/locales",
                                          defaultLocale: configuration.defaultLocale)
        languages = Languages(catalog: catalog, timeZone: rules.calendar.timeZone)
        let missing = templates.messageKeys().union(ClaimMessages.allMessageKeys).union(EmailComposer.messageKeys)
            .subtracting(catalog.keys(locale: configuration.defaultLocale))
        guard missing.isEmpty else { throw StartupError.missingMessages(missing.sorted()) }
        pages = try PageRenderer(templates: templates, catalog: catalog)
        emailTemplates = try EmailTemplates.load(directory: configuration.templatesDirectory, html: templates)

        let updates = ClaimUpdates(store: claims, tenantDirectory: stores.tenantDirectory, rules: rules, clock: clock,
                                   outboxWakeUp: outboxWakeUp)
        let presenters = Presenters(accounts: accounts, calendar: rules.calendar, policy: rules.policy, clock: clock)
        let uploads = Uploads(documents: documents, limits: configuration.uploadLimits, random: random)
        let attempts = PasswordAttempts(failures: stores.loginFailures)
        session = SessionController(
            accounts: accounts, sessions: stores.sessions, passwords: passwords, random: random, clock: clock, pages: pages,
            secureCookies: configuration.secureCookies, decoyPasswordHash: try PasswordHasher().hash(random.token()),
            attempts: attempts, audit: audit)
        account = AccountController(accounts: accounts, sessions: stores.sessions, passwords: passwords, rules: passwordRules,
                                    attempts: attempts, audit: audit, pages: pages, clock: clock,
                                    secureCookies: configuration.secureCookies)
        let passwordLinks = stores.passwordLinks
        passwordLink = PasswordLinkController(links: passwordLinks, passwords: passwords, rules: passwordRules, audit: audit,
                                              pages: pages, clock: clock)
        organizationAudit = OrganizationAuditController(events: stores.auditEvents, accounts: accounts, pages: pages)
        partnerClaims = PartnerClaimsController(updates: updates, presenters: presenters, accounts: accounts, uploads: uploads,
                                                pages: pages, clock: clock, spoolDirectory: documents.incomingDirectory)
        partnerUsers = PartnerUsersController(
            accounts: accounts,
            links: PasswordLinks(store: passwordLinks, random: random, clock: clock, lifetime: configuration.passwordLinkLifetime,
                                 outboxWakeUp: outboxWakeUp),
            audit: audit, pages: pages, clock: clock)
        documentFiles = DocumentsController(updates: updates, documents: documents, log: log)
        review = ReviewController(updates: updates, presenters: presenters, accounts: accounts, pages: pages, clock: clock,
                                  queueCounts: ReviewQueueCountsCache())
        consent = ConsentController(updates: updates, presenters: presenters, pages: pages, clock: clock,
                                    programme: configuration.programme)
        let composer = EmailComposer.factory(templates: emailTemplates, languages: languages, configuration: configuration,
                                             claims: claims, accounts: accounts)
        operations = OperationsController(
            staticFiles: try StaticFiles(directory: configuration.publicDirectory), outbox: stores.outbox, pages: pages,
            demo: configuration.demo, mailFolder: configuration.mail.smtp == nil ? configuration.mailDirectory : nil,
            composer: composer, configuredLinkBase: configuration.mail.baseURL,
            listeningAddress: "\(configuration.http.host):\(configuration.http.port)")
        readiness = Readiness()
        metrics = ServiceMetrics()
        monitoring = MonitoringController(readiness: readiness, metrics: metrics, figures: stores.figures,
                                          bearerToken: configuration.metricsToken, log: log)
    }

    public enum StartupError: Error, CustomStringConvertible {
        case missingMessages([String])
        case unknownTimeZone(String)
        public var description: String {
            switch self {
            case .missingMessages(let keys): "messages missing from the catalog: \(keys.joined(separator: ", "))"
            case .unknownTimeZone(let zone): "unknown time zone '\(zone)'"
            }
        }
    }

    /// E-mail composition with links starting at `linkBase` (e.g. "http://127.0.0.1:8080").
    func composer(linkBase: String) -> EmailComposer {
        EmailComposer.factory(templates: emailTemplates, languages: languages, configuration: configuration,
                              claims: claims, accounts: accounts)(linkBase)
    }

    /// Where reviewers see the outbox in a demo, for the start-up banner.
    public static var outboxPath: String { Route.outbox.href }

    // MARK: the pipeline

    /// The server's entry point. Never throws: a refusal becomes its error page, anything
    /// unexpected a rendered 500 page with the details in the log only.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = ContinuousClock.now
        let route = Route(path: request.path, query: request.query)
        let response = answer(request, route: route)
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        metrics.recordRequest(route: route?.name ?? "unknown", status: response.status.code,
                              seconds: Double(seconds) + Double(attoseconds) / 1e18)
        return response
    }

    /// What the event loop may answer itself, without a worker (see `HTTPImmediateHandler`): the
    /// liveness check, which reads nothing, so the trip to a worker and back would cost more than
    /// the answer. The same pipeline answers it, so the response is the same either way.
    public func immediateAnswer(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.method == .get || request.method == .head, request.path == Self.healthzPath else { return nil }
        return handle(request)
    }

    private static let healthzPath = Route.healthz.href

    private func answer(_ request: HTTPRequest, route: Route?) -> HTTPResponse {
        guard let route else {
            return finish(errorPage(HTTPError.notFound, context: anonymousContext(request, route: .home)), context: nil)
        }
        // The request's own context once made; until then (or when making it fails) an anonymous
        // one, built only if an error page needs it.
        var made: RequestContext?
        var response: HTTPResponse
        do {
            var context = try makeContext(for: request, route: route)
            defer { made = context }
            response = try respond(&context)
        } catch let error as HTTPError {
            let context = made ?? anonymousContext(request, route: route)
            made = context
            response = errorPage(error, context: context)
        } catch {
            let context = made ?? anonymousContext(request, route: route)
            made = context
            // A reference the user can quote, and that finds this line in the log.
            let reference = random.token(bits: 48)
            log("error: \(request.method) \(configuration.http.loggable(request.path)) [ref \(reference)]: \(String(reflecting: error))")
            response = errorPage(HTTPError(.internalServerError), context: context, reference: reference)
        }
        return finish(response, context: made)
    }

    /// The steps before a handler, in order: the method, the body (read once), CSRF, the route's access rule.
    private func respond(_ context: inout RequestContext) throws -> HTTPResponse {
        let route = context.route
        guard route.methods.contains(context.request.method) else {
            var response = errorPage(HTTPError(.methodNotAllowed), context: context)
            response.headers.set("Allow", route.methods.map(\.rawValue).joined(separator: ", "))
            return response
        }
        if context.isPost {
            do {
                context.form = try SubmittedForm.read(context.request, limits: configuration.uploadLimits,
                                                      spoolDirectory: documents.incomingDirectory)
            } catch let error as MultipartError {
                // Nothing is changed without a readable body; an upload page explains on its own form,
                // once the token among the fields read before the failure has been checked.
                guard route.acceptsUploads else { throw HTTPError(error.status, messageKey: error.pageMessageKey) }
                context.formError = error
                context.form = SubmittedForm(fields: error.fieldsRead.map { ($0.name, $0.value) })
            }
            // A second layer beside the token: a browser says where a form came from, and it must be here.
            guard Self.isSameOrigin(context.request, publicAuthority: publicAuthority) else {
                refused(.csrfRefused, context, detail: "origin")
                throw HTTPError(.forbidden, messageKey: "error.csrf")
            }
            // Logging out of a session that has already ended needs no token: there is nothing to forge.
            let loggingOutOfNothing = route == .logout && context.session == nil
            if !loggingOutOfNothing, !csrfIsValid(context) {
                refused(.csrfRefused, context, detail: "token")
                throw HTTPError(.forbidden, messageKey: "error.csrf")
            }
        }
        switch route.access.decide(for: context.user?.role) {
        case .allowed: return try dispatch(&context)
        case .signIn:
            // Back to the page they asked for once signed in (a link from an e-mail, say), told
            // why when the browser's session has just ended.
            let next = context.request.method == .post ? nil : ReturnPath(context.request.target)
            let secure = configuration.secureCookies
            let ended = context.cookies[Cookie.session(secure: secure)].map { !$0.isEmpty } ?? false
            if ended { context.setCookies.append(Cookie.clear(Cookie.session(secure: secure), secure: secure)) }
            return .redirect(to: Route.login(next: next, notice: ended ? .sessionEnded : nil).href)
        case .forbidden(let key):
            refused(.accessRefused, context, detail: "")
            throw HTTPError(.forbidden, messageKey: key)
        }
    }

    /// The one switch over routes: each goes to its controller.
    private func dispatch(_ context: inout RequestContext) throws -> HTTPResponse {
        let post = context.isPost
        switch context.route {
        case .home: return session.home(context: context)
        case .healthz: return operations.healthz()
        case .readyz: return monitoring.readyz()
        case .metrics: return try monitoring.metrics(context: context)
        case .asset(let file): return try operations.asset(file, context: context)
        case .login(let next, let notice):
            return try post ? session.login(context: &context) : session.loginForm(next: next, notice: notice, context: context)
        case .logout: return try session.logout(context: &context)
        case .account(let notice): return try account.page(notice: notice, context: context)
        case .accountSession(let id): return try account.endSession(id, context: &context)
        case .accountSessions: return try account.endOtherSessions(context: context)
        case .accountPassword: return try post ? account.changePassword(context: context) : account.passwordForm(context: context)
        case .passwordLink(let token):
            return try post ? passwordLink.set(token, context: context) : passwordLink.page(token, context: context)
        case .language: return try session.chooseLanguage(context: &context)
        case .claims(let filters): return try partnerClaims.dashboard(filters, context: context)
        case .claimsExport(let filters): return try partnerClaims.export(filters, context: context)
        case .newClaim(let from):
            return try post ? partnerClaims.create(context: context) : partnerClaims.newForm(from: from, context: context)
        case .claim(let id, let notice, let commentsBefore):
            return try partnerClaims.show(id, notice: notice, commentsBefore: commentsBefore, context: context)
        case .claimPage(let id, let page, let before): return try partnerClaims.page(page, of: id, before: before, context: context)
        case .document(let claim, let document, let inline):
            return try documentFiles.download(claim, document, inline: inline, context: context)
        case .organizationUsers(let notice):
            return try post ? partnerUsers.add(context: context) : partnerUsers.list(notice: notice, context: context)
        case .organizationUser(let id): return try partnerUsers.change(id, context: context)
        case .organizationAudit(let before): return try organizationAudit.page(before: before, context: context)
        case .review(let parameters): return try review.queue(parameters, context: context)
        case .reviewClaim(let id, let parameters): return try review.claim(id, parameters, context: context)
        case .reviewAction(let id, let step): return try review.act(step, on: id, context: context)
        case .outbox: return try operations.outboxPage(context: context)
        case .consent(let token, let confirming):
            return try post ? consent.deny(token, context: context) : consent.page(token, confirming: confirming, context: context)
        }
    }

    /// What every response gets on the way out: cookies, security headers, and the removal of any
    /// uploaded file no handler took.
    private func finish(_ response: HTTPResponse, context: RequestContext?) -> HTTPResponse {
        var response = response
        context?.form.removeUntakenFiles()
        for cookie in context?.setCookies ?? [] { response.headers.add("Set-Cookie", cookie) }
        // The access log names whose request it was by id, never by e-mail address.
        if response.loggedUser == nil { response.loggedUser = context?.user.map { String($0.id) } }
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("X-Frame-Options", "DENY")
        // A page may ask for stricter (the consent page never leaks its token in a Referer).
        if response.headers["Referrer-Policy"] == nil { response.headers.set("Referrer-Policy", "same-origin") }
        // A previewed document brings a stricter policy of its own (a sandbox); every page gets this one.
        if response.headers["Content-Security-Policy"] == nil {
            response.headers.set("Content-Security-Policy", Self.contentSecurityPolicy)
        }
        if response.headers["Cache-Control"] == nil { response.headers.set("Cache-Control", "no-store") }
        // Behind TLS, browsers are told to come back over HTTPS only.
        if configuration.secureCookies { response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains") }
        return response
    }

    static let contentSecurityPolicy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

    // MARK: context, CSRF

    private func anonymousContext(_ request: HTTPRequest, route: Route) -> RequestContext {
        RequestContext(request: request, route: route, session: nil, languages: languages, csrfToken: "",
                       cookies: request.cookies)
    }

    private func makeContext(for request: HTTPRequest, route: Route) throws -> RequestContext {
        // The health check and static files need no session and set no cookie.
        switch route {
        case .healthz, .readyz, .metrics, .asset:
            return RequestContext(request: request, route: route, session: nil, languages: languages, csrfToken: "",
                                  cookies: [:], choosingLanguage: false)
        default: break
        }
        let now = clock.now()
        let cookies = request.cookies
        if let token = cookies[Cookie.session(secure: configuration.secureCookies)], !token.isEmpty,
           let session = try sessions.session(token: token, at: now) {
            // Each request keeps the session from going idle (written about once a minute).
            try sessions.recordActivity(session.record, at: now)
            var context = RequestContext(request: request, route: route, session: session, languages: languages,
                                         csrfToken: session.csrfToken, cookies: cookies)
            context.isDemo = configuration.demo
            return context
        }
        if let token = cookies[Cookie.csrf(secure: configuration.secureCookies)], csrfCookie.isGenuine(token) {
            return RequestContext(request: request, route: route, session: nil, languages: languages, csrfToken: token,
                                  cookies: cookies)
        }
        let token = csrfCookie.mint(random)
        var context = RequestContext(request: request, route: route, session: nil, languages: languages, csrfToken: token,
                                     cookies: cookies)
        context.setCookies.append(Cookie.set(Cookie.csrf(secure: configuration.secureCookies), token, secure: configuration.secureCookies))
        return context
    }

    /// A POST must echo the token of its session (or, before login, of its CSRF cookie, which must be
    /// one this service signed). A cross-site form cannot read either, so it cannot forge the field.
    private func csrfIsValid(_ context: RequestContext) -> Bool {
        let expected: String
        if let session = context.session {
            expected = session.csrfToken
        } else if let cookie = context.cookies[Cookie.csrf(secure: configuration.secureCookies)], csrfCookie.isGenuine(cookie) {
            expected = cookie
        } else {
            return false
        }
        guard let sent = context.form.field("_csrf") else { return false }
        return ConstantTime.equals(sent, expected)
    }

    /// The host (and port) of `--base-url`, which a proxy in front may present instead of the Host
    /// header the service receives.
    var publicAuthority: String? { configuration.mail.baseURL.flatMap(Self.authority(of:)) }

    /// Whether a POST's `Origin` (else its `Referer`) names this host — the request's Host, or the
    /// configured public address; a request that sends neither (not a browser, an old one, or a
    /// page that sends no referrer) is left to the token alone.
    static func isSameOrigin(_ request: HTTPRequest, publicAuthority: String? = nil) -> Bool {
        guard let host = request.headers["Host"]?.lowercased() else { return true }
        // `Origin: null` is what a browser sends from a page with `Referrer-Policy: no-referrer` (the
        // consent page): it says nothing either way, so the token alone decides.
        let origin = request.headers["Origin"].flatMap { $0 == "null" ? nil : $0 }
        guard let source = origin ?? request.headers["Referer"] else { return true }
        guard let authority = authority(of: source) else { return false }
        return authority == host || authority == publicAuthority
    }

    /// "host:port" of an absolute URL, lowercased.
    static func authority(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        return url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
    }

    /// A request a rule stopped, in the audit trail: who, what, from where.
    private func refused(_ kind: AuditEvent.Kind, _ context: RequestContext, detail: String) {
        let what = "\(context.request.method) \(configuration.http.loggable(context.request.path))"
        audit.record(kind, .refused, by: context.user, address: context.clientAddress,
                     detail: detail.isEmpty ? what : what + " (\(detail))")
    }

    // MARK: error pages

    func errorPage(_ error: HTTPError, context: RequestContext, reference: String? = nil) -> HTTPResponse {
        let l = context.localizer
        let code = error.status.code
        let page = ErrorPage(title: l("error.\(code).title"), status: code,
                             message: l(error.messageKey ?? "error.\(code).message"), signedIn: context.user != nil,
                             reference: reference)
        return pages.render(page, status: error.status, context: context)
    }
}
