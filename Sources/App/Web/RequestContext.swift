import HTTP
import Storage

/// What one request carries through the app: the parsed request, who sent it (if anyone),
/// the text in their language, and the CSRF token their forms must echo back.
struct RequestContext {
    let request: HTTPRequest
    let session: Session?
    let localizer: Localizer
    /// For a logged-in user, the session's token; for anyone else, the value of the CSRF cookie,
    /// newly minted (and set on the response) if the browser had none.
    let csrfToken: String
    /// Cookies to set on whatever response this request ends with.
    var setCookies: [String] = []

    var user: UserAccount? { session?.user }
}
