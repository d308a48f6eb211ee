import Secrets
import Templating

/// Where a set-password link leads: whose account it is, and the new password under the rules.
struct SetPasswordPage: Page {
    static let template = "password/set"
    var title: String
    var email: String
    var hint: String
    var action: String
    var error: String?

    init(email: String, action: String, localizer l: Localizer, error: String? = nil) {
        title = l("password.set.title")
        self.email = email
        hint = l("password.hint", ["minimum": String(PasswordRules.minimumLength)])
        self.action = action
        self.error = error
    }

    static let fields: TemplateFields<Self> = [
        .text("email", \.email), .text("hint", \.hint), .text("action", \.action), .optional("error", \.error),
    ]
}
