import Claims
import HTTP

/// Every address the service answers, with the query parameters each one reads, parsed from a
/// request and printed back into links by the same table. A link can only name a route that
/// exists, and carries exactly the parameters that route reads.
enum Route: Equatable, Sendable {
    case home
    case healthz
    /// Whether this instance should get traffic: 503 while starting, stopping, or without its database.
    case readyz
    /// Prometheus metrics, for loopback or a configured bearer token.
    case metrics
    case asset(String)
    /// The login form; `next` is the page to go back to once signed in, `notice` what just happened.
    case login(next: ReturnPath?, notice: LoginNotice? = nil)
    case logout
    /// The signed-in user's own account: their sessions, and the way to change their password.
    case account(notice: AccountNotice? = nil)
    /// Ends one of the user's own sessions (POST; another than the one in use once their password is given).
    case accountSession(Int64)
    /// Ends every other session of the user (POST, once their password is given).
    case accountSessions
    /// Changing one's own password, the current one asked for first.
    case accountPassword
    /// A set-password link from an e-mail; the segment is its single-use token.
    case passwordLink(String)
    /// The language switch: saves the choice, then back to the page it was made on.
    case language
    /// The partner's dashboard, with its filters, sort and page.
    case claims(DashboardFilters)
    case claimsExport(DashboardFilters)
    /// The claim form; `from` starts a new claim from an older one's fields.
    case newClaim(from: ClaimID?)
    /// A claim's page; `notice` says what the last POST did (post/redirect/get), `commentsBefore`
    /// which comments it shows (see `ThreadWindow`; nil: the latest).
    case claim(ClaimID, notice: ClaimNotice? = nil, commentsBefore: Int? = nil)
    /// The pages and actions under one claim's address; `before` pages the history (see `ThreadWindow`).
    case claimPage(ClaimID, ClaimPage, before: Int? = nil)
    /// A PoE document: a download, or with `inline` a sandboxed preview.
    case document(ClaimID, DocumentID, inline: Bool = false)
    case organizationUsers(notice: UsersNotice? = nil)
    case organizationUser(Int64)
    /// The organization's security events, newest first, a page at a time (`before` an event's id).
    case organizationAudit(before: Int64? = nil)
    case review(ReviewQueueParameters)
    /// A claim's review page, with the checklist and any input sent back from a confirmation.
    case reviewClaim(ClaimID, ReviewClaimParameters = ReviewClaimParameters())
    /// A reviewer's action on a claim (POST; a decision's first POST answers with its confirmation page).
    case reviewAction(ClaimID, ReviewStep)
    /// Demo only: every queued and sent e-mail, with its links, for reviewers.
    case outbox
    /// The customer's consent page; the segment is the token from their e-mail.
    case consent(ConsentToken, confirming: Bool = false)

    static let login = Route.login(next: nil)
    /// Routes whose path carries a credential, as prefixes the logs cut at.
    static let pathsWithSecrets = ["/consent/", "/password/"]
    static let dashboard = Route.claims(DashboardFilters())
    static let reviewQueue = Route.review(ReviewQueueParameters())

    // MARK: the table

    /// Who may open the route; checked before any handler runs.
    var access: Access {
        switch self {
        case .home, .healthz, .readyz, .asset, .login, .logout, .language: .anyone
        case .metrics: .monitoring
        case .claims, .claimsExport, .newClaim, .claim, .claimPage: .partner(Role.partnerRoles)
        case .organizationUsers, .organizationUser, .organizationAudit: .partner([.globalAdmin])
        case .document, .account, .accountSession, .accountSessions, .accountPassword: .signedIn
        case .review, .reviewClaim, .reviewAction, .outbox: .reviewer
        case .consent, .passwordLink: .tokenInPath
        }
    }

    /// The methods the route answers; anything else gets 405 with these in `Allow`.
    var methods: [HTTPMethod] {
        switch self {
        case .logout, .language, .organizationUser, .reviewAction, .accountSession, .accountSessions: [.post]
        case .login, .consent, .newClaim, .organizationUsers, .accountPassword, .passwordLink: [.get, .head, .post]
        case .claimPage(_, let page, _): page.methods
        default: [.get, .head]
        }
    }

    /// Whether the route's POST body is multipart with PoE files, so a body that cannot be read is
    /// explained on the page's own form rather than on an error page.
    var acceptsUploads: Bool {
        if case .claimPage(_, let page, _) = self { return page.acceptsUploads }
        return false
    }

    /// Parses a request's path and query; nil when the path is not one of ours.
    init?(path: String, query: QueryItems = QueryItems()) {
        if path.hasPrefix("/static/") {
            self = .asset(String(path.dropFirst("/static/".count)))
            return
        }
        guard let segments = PathSegment.split(path) else { return nil }
        switch segments {
        case []: self = .home
        case ["healthz"]: self = .healthz
        case ["readyz"]: self = .readyz
        case ["metrics"]: self = .metrics
        case ["login"]: self = .login(next: query["next"].flatMap(ReturnPath.init), notice: query["done"].flatMap(LoginNotice.init))
        case ["logout"]: self = .logout
        case ["account"]: self = .account(notice: query["done"].flatMap(AccountNotice.init))
        case ["account", "password"]: self = .accountPassword
        case ["account", "sessions"]: self = .accountSessions
        case let s where s.count == 3 && s[0] == "account" && s[1] == "sessions":
            guard let id = Int64(s[2]), id > 0 else { return nil }
            self = .accountSession(id)
        case let s where s.count == 2 && s[0] == "password": self = .passwordLink(s[1])
        case ["language"]: self = .language
        case ["claims"]: self = .claims(DashboardFilters(query))
        case ["claims", "export.csv"]: self = .claimsExport(DashboardFilters(query))
        case ["claims", "new"]: self = .newClaim(from: query["from"].flatMap { $0.isEmpty ? nil : ClaimID($0) })
        case ["organization", "users"]: self = .organizationUsers(notice: query["done"].flatMap(UsersNotice.init))
        case ["organization", "audit"]:
            self = .organizationAudit(before: query["before"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil })
        case ["review"]: self = .review(ReviewQueueParameters(query))
        case ["review", "outbox"]: self = .outbox
        case let s where s.count == 2 && s[0] == "consent":
            self = .consent(ConsentToken(s[1]), confirming: query["step"] == "confirm")
        case let s where s.count == 2 && s[0] == "claims":
            self = .claim(ClaimID(s[1]), notice: query["done"].flatMap(ClaimNotice.init),
                          commentsBefore: Self.position(query["comments_before"]))
        case let s where s.count == 3 && s[0] == "claims":
            guard let page = ClaimPage(rawValue: s[2]) else { return nil }
            self = .claimPage(ClaimID(s[1]), page, before: page == .history ? Self.position(query["before"]) : nil)
        case let s where s.count == 4 && s[0] == "claims" && s[2] == "documents":
            self = .document(ClaimID(s[1]), DocumentID(s[3]), inline: query["inline"] == "1")
        case let s where s.count == 3 && s[0] == "organization" && s[1] == "users":
            guard let id = Int64(s[2]), id > 0 else { return nil }
            self = .organizationUser(id)
        case let s where s.count == 2 && s[0] == "review":
            self = .reviewClaim(ClaimID(s[1]), ReviewClaimParameters(query))
        case let s where s.count == 3 && s[0] == "review":
            guard let step = ReviewStep(rawValue: s[2]) else { return nil }
            self = .reviewAction(ClaimID(s[1]), step)
        default:
            return nil
        }
    }

    /// The path, without a query.
    var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .asset(let file): "/static/" + file
        case .login: "/login"
        case .logout: "/logout"
        case .account: "/account"
        case .accountSession(let id): "/account/sessions/\(id)"
        case .accountSessions: "/account/sessions"
        case .accountPassword: "/account/password"
        case .passwordLink(let token): PathSegment.join("password", token)
        case .language: "/language"
        case .claims: "/claims"
        case .claimsExport: "/claims/export.csv"
        case .newClaim: "/claims/new"
        case .claim(let id, _, _): PathSegment.join("claims", id.rawValue)
        case .claimPage(let id, let page, _): PathSegment.join("claims", id.rawValue, page.rawValue)
        case .document(let claim, let document, _): PathSegment.join("claims", claim.rawValue, "documents", document.rawValue)
        case .organizationUsers: "/organization/users"
        case .organizationUser(let id): "/organization/users/\(id)"
        case .organizationAudit: "/organization/audit"
        case .review: "/review"
        case .reviewClaim(let id, _): PathSegment.join("review", id.rawValue)
        case .reviewAction(let id, let step): PathSegment.join("review", id.rawValue, step.rawValue)
        case .outbox: "/review/outbox"
        case .consent(let token, _): PathSegment.join("consent", token.rawValue)
        }
    }

    /// The query the route carries, in a stable order.
    var query: QueryItems {
        var query = QueryItems()
        switch self {
        case .claims(let filters): query = filters.query(includingCursor: true)
        case .claimsExport(let filters): query = filters.query(includingCursor: false)
        case .login(let next, let notice):
            query.append("next", next?.rawValue)
            query.append("done", notice?.rawValue)
        case .account(let notice): query.append("done", notice?.rawValue)
        case .organizationAudit(let before): query.append("before", before.map(String.init))
        case .newClaim(let from): query.append("from", from?.rawValue)
        case .claim(_, let notice, let before):
            query.append("done", notice?.rawValue)
            query.append("comments_before", before.map(String.init))
        case .claimPage(_, _, let before): query.append("before", before.map(String.init))
        case .document(_, _, let inline): query.append("inline", inline ? "1" : nil)
        case .organizationUsers(let notice): query.append("done", notice?.rawValue)
        case .review(let parameters): query = parameters.query
        case .reviewClaim(_, let parameters): query = parameters.query
        case .consent(_, let confirming): query.append("step", confirming ? "confirm" : nil)
        case .home, .healthz, .readyz, .metrics, .asset, .logout, .language, .organizationUser, .reviewAction, .outbox,
             .accountSession, .accountSessions, .accountPassword, .passwordLink: break
        }
        return query
    }

    /// The route's name in metrics: one per kind of page, never an ID, so the label set stays small.
    var name: String {
        switch self {
        case .home: "home"
        case .healthz: "healthz"
        case .readyz: "readyz"
        case .metrics: "metrics"
        case .asset: "static"
        case .login: "login"
        case .logout: "logout"
        case .account: "account"
        case .accountSession: "account_session"
        case .accountSessions: "account_sessions"
        case .accountPassword: "account_password"
        case .passwordLink: "password_link"
        case .language: "language"
        case .claims: "claims"
        case .claimsExport: "claims_export"
        case .newClaim: "claim_new"
        case .claim: "claim"
        case .claimPage(_, let page, _): "claim_" + page.rawValue
        case .document: "document"
        case .organizationUsers: "organization_users"
        case .organizationUser: "organization_user"
        case .organizationAudit: "organization_audit"
        case .review: "review_queue"
        case .reviewClaim: "review_claim"
        case .reviewAction(_, let step): "review_" + step.rawValue.replacingOccurrences(of: "-", with: "_")
        case .outbox: "outbox"
        case .consent: "consent"
        }
    }

    /// The link to the route: its path and query, and `fragment` after a `#`.
    func href(fragment: String? = nil) -> String {
        let query = query.encoded
        return path + (query.isEmpty ? "" : "?" + query) + (fragment.map { "#" + $0 } ?? "")
    }

    var href: String { href() }

    /// A position in a claim's thread or history from a link: a whole number, 0 or more.
    static func position(_ text: String?) -> Int? {
        text.flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `Route.claim(id).href`, built straight from its prefix: lists print one per row.
    static func claimHref(_ id: ClaimID) -> String { "/claims/" + PathSegment.encode(id.rawValue) }

    /// `Route.reviewClaim(id).href` (with no parameters), likewise.
    static func reviewClaimHref(_ id: ClaimID) -> String { "/review/" + PathSegment.encode(id.rawValue) }
}
