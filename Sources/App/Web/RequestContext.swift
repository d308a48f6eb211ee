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
    let localizer: Localizer
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

    /// The domain's view of the signed-in user.
    var actor: Actor? { user.map(Self.actor(for:)) }

    static func actor(for user: UserAccount) -> Actor {
        Actor.user(UserID(String(user.id)), role: user.role, organization: user.organizationID.map { OrganizationID(String($0)) })
            ?? .reviewer(UserID(String(user.id)))
    }

    /// The frame around a page titled `title`.
    func layout(title: String) -> Layout {
        Layout(title: title, lang: localizer.locale, csrf: csrfToken, currentUser: user.map { user in
            Layout.SignedInUser(name: user.name, email: user.email, role: localizer(user.role.messageKey),
                                organization: user.organizationName, isPartner: user.role.isPartner,
                                seesOutbox: isDemo && !user.role.isPartner)
        })
    }
}
