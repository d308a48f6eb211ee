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
    /// A POST's body, read before routing (see `SubmittedForm`).
    var form: SubmittedForm?
    /// Why a POST's multipart body could not be read (too large, malformed); upload pages show it.
    var formError: MultipartError?

    var user: UserAccount? { session?.user }
}
