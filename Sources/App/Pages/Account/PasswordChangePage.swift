import Secrets
import Templating

/// Changing one's own password: the current one first, then the new one under the same rules as
/// every password (`PasswordRules`).
struct PasswordChangePage: Page {
    static let template = "account/password"
    var title: String
    /// What a new password must be.
    var hint: String
    var errors = Errors()
    /// Said at the top when the form is refused as a whole (too many wrong tries).
    var alert: String?

    struct Errors: Templated {
        var current: String?
        var new: String?
        var isEmpty: Bool { current == nil && new == nil }
        static let fields: TemplateFields<Self> = [.optional("current", \.current), .optional("new", \.new)]
    }

    init(localizer l: Localizer, errors: Errors = Errors(), alert: String? = nil) {
        title = l("account.password.title")
        hint = l("password.hint", ["minimum": String(PasswordRules.minimumLength)])
        self.errors = errors
        self.alert = alert
    }

    static let fields: TemplateFields<Self> = [
        .text("hint", \.hint), .object("errors", \.errors), .optional("alert", \.alert),
        .text("action", { _ in Route.accountPassword.href }), .text("back", { _ in Route.account().href }),
    ]
}
