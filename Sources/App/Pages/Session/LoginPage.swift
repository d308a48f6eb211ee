import Templating

struct LoginPage: Page {
    static let template = "login"
    var title: String
    /// What was typed, kept after a refusal (never the password).
    var email = ""
    /// The page to go back to once signed in, carried through the form.
    var next = ""
    var error: String?

    static let fields: TemplateFields<Self> = [.text("email", \.email), .text("next", \.next), .optional("error", \.error)]
}
