import Claims
import Documents
import Foundation
import HTTP
import Secrets
import Storage
import Templating

/// The web application: turns each HTTP request into a response. Built once at start-up, when
/// templates, messages and static files are loaded and checked, so a mistake in any of them stops
/// the service before it takes a request rather than in front of a user.
public final class Application: Sendable {
    let configuration: AppConfiguration
    let database: Database
    public let accounts: AccountStore
    public let claims: SQLiteClaimStore
    let outbox: Outbox
    public let rules: WorkflowRules
    let dates: DateDisplay
    public let catalog: MessageCatalog
    let pages: PageRenderer
    let emailTemplates: EmailTemplates
    let staticFiles: StaticFiles
    let documents: DocumentFiles
    let clock: Clock
    let random: SecureRandom
    public let passwords = PasswordHasher()
    let reviewQueueCounts = ReviewQueueCountsCache()
    let outboxWakeUp = OutboxWakeUp()
    let log: @Sendable (String) -> Void
    /// Verified against when an e-mail is unknown, so a failed login takes as long either way.
    let decoyPasswordHash: String

    public init(configuration: AppConfiguration, database: Database, clock: Clock = .system,
                random: SecureRandom = .system, log: @escaping @Sendable (String) -> Void) throws {
        self.configuration = configuration
        self.database = database
        self.accounts = AccountStore(database: database)
        self.claims = SQLiteClaimStore(database: database)
        self.outbox = Outbox(database: database)
        self.rules = try configuration.workflowRules(random: random)
        self.dates = DateDisplay(timeZone: rules.calendar.timeZone, localeIdentifier: configuration.defaultLocale)
        self.clock = clock
        self.random = random
        self.log = log
        let templates = try TemplateSet.load(directory: configuration.templatesDirectory)
        self.pages = PageRenderer(templates: templates)
        self.emailTemplates = try EmailTemplates.load(directory: configuration.templatesDirectory, html: templates)
        self.catalog = try MessageCatalog.load(directory: configuration.templatesDirectory + "/locales",
                                               defaultLocale: configuration.defaultLocale)
        let missing = templates.messageKeys().union(ClaimMessages.allMessageKeys).union(EmailComposer.messageKeys)
            .subtracting(catalog.keys(locale: configuration.defaultLocale))
        guard missing.isEmpty else { throw StartupError.missingMessages(missing.sorted()) }
        self.staticFiles = try StaticFiles(directory: configuration.publicDirectory)
        self.documents = try DocumentFiles(root: configuration.dataDirectory + "/documents")
        self.decoyPasswordHash = try PasswordHasher().hash(random.token())
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

    /// The server's entry point. Never throws: anything unexpected becomes a rendered 500 page,
    /// with the details in the log only.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response: HTTPResponse
        var context: RequestContext?
        do {
            context = try makeContext(for: request)
            // Routed in place, so uploads spooled before a failure are still known below.
            response = try route(request, context: &context!)
        } catch {
            log("error: \(request.method) \(request.path): \(String(reflecting: error))")
            response = errorPage(status: 500, context: context ?? fallbackContext(request))
        }
        context?.form?.removeUntakenFiles()
        for cookie in context?.setCookies ?? [] { response.headers.add("Set-Cookie", cookie) }
        addSecurityHeaders(to: &response)
        return response
    }

    private func route(_ request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse {
        guard let route = Route(path: request.path) else {
            return errorPage(status: 404, context: context)
        }
        guard route.allowedMethods.contains(request.method.rawValue) else {
            var response = errorPage(status: 405, context: context)
            response.headers.set("Allow", route.allowedMethods.joined(separator: ", "))
            return response
        }
        if request.method == "POST" {
            do {
                context.form = try SubmittedForm.read(request, limits: configuration.uploadLimits,
                                                      spoolDirectory: documents.incomingDirectory)
            } catch let error as MultipartError {
                // Nothing is changed without a readable body; an upload page explains what went wrong.
                guard case .claim(_, let page) = route, page.acceptsUploads else {
                    return errorPage(status: error.status.code, context: context, messageKey: Self.uploadErrorKey(error))
                }
                context.formError = error
            }
        }
        // Logging out of a session that has already ended needs no token: there is nothing to forge.
        let loggingOutOfNothing = route == .logout && context.session == nil
        if request.method == "POST", !loggingOutOfNothing, context.formError == nil, !csrfIsValid(request, context: context) {
            return errorPage(status: 403, context: context, messageKey: "error.csrf")
        }
        switch route {
        case .healthz:
            return .text("ok")
        case .asset(let file):
            return staticFiles.response(rawPath: file, request: request) ?? errorPage(status: 404, context: context)
        case .home:
            return .redirect(to: context.user.map { Self.home(for: $0.role).path } ?? Route.login.path)
        case .login:
            return try request.method == "POST" ? login(context: &context) : loginForm(context: context)
        case .logout:
            return try logout(context: &context)
        case .claims:
            return try requireRole(context, partner: true) { try partnerDashboard(context: context) }
        case .review:
            return try requireReviewer(context) { try reviewQueue(context: context, reviewer: $0) }
        case .consent(let token):
            return try consent(token: ConsentToken(token), request: request, context: context)
        case .outbox:
            guard configuration.demo else { return errorPage(status: 404, context: context) }
            return try requireRole(context, partner: false) { try outboxPage(context: context) }
        case .newClaim, .claimsExport, .claim, .claimDocument, .organizationUsers, .organizationUser:
            return try partnerRoute(route, context: context)
        case .reviewClaim(let id):
            return try requireReviewer(context) { try reviewClaim(context: context, reviewer: $0, id: id) }
        case .reviewAction(let id, let step):
            return try requireReviewer(context) { try reviewAction(context: context, reviewer: $0, id: id, step: step) }
        }
    }

    /// Every change a page makes to a claim goes through here: once it has committed, any e-mails
    /// it queued are handed to the delivery worker straight away.
    @discardableResult
    func updateClaim(_ id: ClaimID, expectedVersion: Int?,
                     _ change: (Claim, [Claim]) throws -> Transition) throws -> Transition {
        let transition = try claims.update(id, expectedVersion: expectedVersion, change)
        if !transition.emails.isEmpty { outboxWakeUp.signal() }
        return transition
    }

    static func home(for role: Role) -> Route { role.isPartner ? .claims : .review }

    /// The domain's view of a signed-in user.
    static func actor(for user: UserAccount) -> Actor {
        Actor.user(UserID(String(user.id)), role: user.role, organization: user.organizationID.map { OrganizationID(String($0)) })
            ?? .reviewer(UserID(String(user.id)))
    }

    /// The partner organization's name, or nil if the ID names none.
    func organizationName(_ id: OrganizationID) throws -> String? {
        guard let number = Int64(id.rawValue) else { return nil }
        return try accounts.organization(id: number)?.name
    }

    func presenter(_ context: RequestContext) -> ClaimPresenter {
        ClaimPresenter(localizer: context.localizer, dates: dates, calendar: rules.calendar, now: clock.now())
    }

    /// A presenter that knows the names of everyone the claim's page mentions: its filer, the
    /// assigned reviewer, comment and PoE authors, the people in its history and the reviewers
    /// history entries name (an assignment). One query, whatever the page is.
    func presenter(_ context: RequestContext, for claim: Claim, history: [HistoryEntry] = []) throws -> ClaimPresenter {
        var ids = Set([claim.createdBy.rawValue])
        func add(_ actor: Actor) {
            switch actor {
            case .partner(let user): ids.insert(user.id.rawValue)
            case .reviewer(let id): ids.insert(id.rawValue)
            case .customer, .system: break
            }
        }
        claim.comments.forEach { add($0.author) }
        claim.evidence.forEach { add($0.uploadedBy) }
        history.forEach { add($0.actor) }
        for entry in history {
            if let named = entry.messageArguments["reviewer"] { ids.insert(named) }
        }
        if let reviewer = claim.review.assignedReviewer { ids.insert(reviewer.rawValue) }
        var presenter = presenter(context)
        presenter.userNames = try accounts.userNames(ids: ids)
        return presenter
    }

    /// Anonymous → the login page; logged in with the wrong kind of role → a 403 page saying so.
    private func requireRole(_ context: RequestContext, partner: Bool,
                             _ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        guard let user = context.user else { return .redirect(to: Route.login.path) }
        guard user.role.isPartner == partner else {
            return errorPage(status: 403, context: context,
                             messageKey: partner ? "error.forbidden.partnersOnly" : "error.forbidden.reviewersOnly")
        }
        return try body()
    }

    /// `requireRole` for reviewer pages, handing the reviewer to the page.
    private func requireReviewer(_ context: RequestContext, _ body: (UserAccount) throws -> HTTPResponse) throws -> HTTPResponse {
        guard let user = context.user else { return .redirect(to: Route.login.path) }
        return try requireRole(context, partner: false) { try body(user) }
    }

    // MARK: context, CSRF

    private func makeContext(for request: HTTPRequest) throws -> RequestContext {
        let localizer = catalog.localizer(for: configuration.defaultLocale)
        var session: Session?
        if let token = request.cookies[Cookie.session], !token.isEmpty {
            session = try accounts.session(token: token, at: clock.now())
        }
        if let session {
            return RequestContext(request: request, session: session, localizer: localizer, csrfToken: session.csrfToken)
        }
        if let token = request.cookies[Cookie.csrf], token.count >= 32 {
            return RequestContext(request: request, session: nil, localizer: localizer, csrfToken: token)
        }
        let token = random.token()
        var context = RequestContext(request: request, session: nil, localizer: localizer, csrfToken: token)
        context.setCookies.append(Cookie.set(Cookie.csrf, token, secure: configuration.secureCookies))
        return context
    }

    private func fallbackContext(_ request: HTTPRequest) -> RequestContext {
        RequestContext(request: request, session: nil, localizer: catalog.localizer(for: configuration.defaultLocale),
                       csrfToken: "")
    }

    /// A POST must echo the token of its session (or, before login, of its CSRF cookie). A cross-site
    /// form cannot read either, so it cannot forge the field.
    private func csrfIsValid(_ request: HTTPRequest, context: RequestContext) -> Bool {
        let expected: String
        if let session = context.session {
            expected = session.csrfToken
        } else if let cookie = request.cookies[Cookie.csrf], !cookie.isEmpty {
            expected = cookie
        } else {
            return false
        }
        guard let sent = context.form?.field("_csrf") else { return false }
        return ConstantTime.equals(sent, expected)
    }

    private func addSecurityHeaders(to response: inout HTTPResponse) {
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("X-Frame-Options", "DENY")
        // A page may ask for stricter (the consent page never leaks its token in a Referer).
        if response.headers["Referrer-Policy"] == nil { response.headers.set("Referrer-Policy", "same-origin") }
        // A previewed document brings a stricter policy of its own (a sandbox); every page gets this one.
        if response.headers["Content-Security-Policy"] == nil {
            response.headers.set("Content-Security-Policy",
                                 "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
                                 + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        }
        if response.headers["Cache-Control"] == nil { response.headers.set("Cache-Control", "no-store") }
    }

    // MARK: error pages

    func errorPage(status: Int, context: RequestContext, messageKey: String? = nil) -> HTTPResponse {
        let l = context.localizer
        let titleKey = "error.\(status).title"
        let values: [String: TemplateValue] = [
            "status": .int(status),
            "message": .string(l(messageKey ?? "error.\(status).message")),
            "signedIn": .bool(context.user != nil),
        ]
        do {
            return try pages.render("error", title: l(titleKey), values, status: status, context: context)
        } catch {
            log("error: rendering the \(status) page failed: \(error)")
            return .text(l(titleKey), status: HTTPStatus(status))
        }
    }
}
