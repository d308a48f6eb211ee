import Templating

/// A set-password link that no longer works: used, expired, or replaced by a newer one.
struct PasswordLinkUnknownPage: Page {
    static let template = "password/unknown"
    var title: String

    static let fields: TemplateFields<Self> = [.text("login", { _ in Route.login.href })]
}
