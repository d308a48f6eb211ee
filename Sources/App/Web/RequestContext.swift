import Claims
import HTTP
import Storage

/// What one request carries through the app: the parsed request and route, who sent it (if
/// anyone), the text in their language, the CSRF token their forms must echo back, and the body,
/// read once before the handler runs.
struct RequestContext {
    let request: HTTPRequest
    let route: Route
    let session: Session?
    /// The request's cookies, parsed once.
    let cookies: [String: String]
    /// The text, dates and numbers in the request's language (see `Languages.choose`).
    private(set) var localizer: Localizer
    let languages: Languages
    /// What decided the language; a page may defer to a weaker source only (see `prefer`).
    private(set) var languageSource: Languages.Source
    /// For a signed-in user, the session's token; for anyone else, the value of the CSRF cookie,
    /// newly minted (and set on the response) if the browser had none.
    let csrfToken: String
    /// Cookies to set on whatever response this request ends with.
    var setCookies: [String] = []
    /// A POST's fields and files (see `SubmittedForm`); empty for other methods.
    var form = SubmittedForm(fields: [])
    /// Why a POST's multipart body could not be read (too large, malformed); upload pages show it.
    var formError: MultipartError?
    /// A demo: reviewers get the outbox in their navigation.
    var isDemo = false

    var user: UserAccount? { session?.user }

    var isPost: Bool { request.method == .post }

    /// The client's address without its port, as sessions, throttling and the audit trail keep it.
    var clientAddress: String { SessionController.clientAddress(request.remoteAddress) }

    /// The domain's view of the signed-in user.
    var actor: Actor? { user.map(Self.actor(for:)) }

    static func actor(for user: UserAccount) -> Actor {
        Actor.user(UserID(String(user.id)), role: user.role, organization: user.organizationID.map { OrganizationID(String($0)) })
            ?? .reviewer(UserID(String(user.id)))
    }

    /// `choosingLanguage`: false for answers that show no words (the health checks, static files),
    /// which then skip reading cookies and `Accept-Language`.
    init(request: HTTPRequest, route: Route, session: Session?, languages: Languages, csrfToken: String,
         cookies: [String: String], choosingLanguage: Bool = true) {
        self.request = request
        self.cookies = cookies
        self.route = route
        self.session = session
        self.languages = languages
        self.csrfToken = csrfToken
        let choice = choosingLanguage
            ? languages.choose(saved: session?.user.locale, cookie: cookies[Cookie.language],
                               acceptLanguage: request.headers["Accept-Language"])
            : (languages.defaultLocale, .configured)
        localizer = languages.localizer(for: choice.locale)
        languageSource = choice.source
    }

    /// Speaks `locale` instead (the customer contact's language on the consent page, say) when what
    /// chose the current one is no stronger than `source`.
    mutating func prefer(_ locale: String?, over source: Languages.Source) {
        guard languageSource >= source, let locale = languages.supported(locale) else { return }
        localizer = languages.localizer(for: locale)
    }

    /// Where the language switch comes back to: this page, with its query for a GET (a form's POST
    /// address shows its form again on a GET).
    private var returnPath: String {
        guard request.method == .get || request.method == .head, let query = request.target.firstIndex(of: "?") else { return request.path }
        return request.path + request.target[query...]
    }

    /// The frame around a page titled `title`.
    func layout(title: String) -> Layout {
        Layout(title: title, lang: localizer.locale, csrf: csrfToken,
               languageSwitch: csrfToken.isEmpty ? nil : Layout.LanguageSwitch(
                   returnTo: returnPath,
                   options: languages.switchOptions(current: localizer.locale)),
               currentUser: user.map { user in
            Layout.SignedInUser(name: user.name, email: user.email, role: localizer(user.role.messageKey),
                                organization: user.organizationName, isPartner: user.role.isPartner,
                                seesOutbox: isDemo && !user.role.isPartner)
        })
    }
}
