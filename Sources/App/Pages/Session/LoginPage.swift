import Templating

struct LoginPage: Page {
    static let template = "login"
    var title: String
    /// What was typed, kept after a refusal (never the password).
    var email = ""
    var error: String?

    static let fields: TemplateFields<Self> = [.text("email", \.email), .optional("error", \.error)]
}
