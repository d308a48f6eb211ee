import Templating

struct LoginPage: Page {
    static let template = "login"
    var title: String
    /// What was typed, kept after a refusal (never the password).
    var email = ""
    /// The page to go back to once signed in, carried through the form.
    var next = ""
    var error: String?
    /// Why the visitor is here (their password was just set, their session ended).
    var notice: String?

    static let fields: TemplateFields<Self> = [
        .text("email", \.email), .text("next", \.next), .optional("error", \.error), .optional("notice", \.notice),
    ]
}
