import Templating

/// What every page's frame shows: the title, the language, who is signed in, the CSRF token their
/// forms echo, and the links of the header. Page templates see these names too (the outer scope).
struct Layout: Templated {
    struct SignedInUser: Templated {
        var name: String
        var email: String
        var role: String
        var organization: String?
        var isPartner: Bool
        var seesOutbox: Bool

        static let fields: TemplateFields<Self> = [
            .text("name", \.name), .text("email", \.email), .text("role", \.role),
            .optional("organization", \.organization), .flag("isPartner", \.isPartner),
            .flag("isReviewer", { !$0.isPartner }), .flag("seesOutbox", \.seesOutbox),
        ]
    }

    struct Links: Templated {
        static let fields: TemplateFields<Self> = [
            .text("home", { _ in Route.home.href }), .text("login", { _ in Route.login.href }),
            .text("logout", { _ in Route.logout.href }), .text("claims", { _ in Route.dashboard.href }),
            .text("review", { _ in Route.reviewQueue.href }), .text("css", { _ in Route.asset("app.css").href }),
            .text("logo", { _ in Route.asset("logo.svg").href }), .text("outbox", { _ in Route.outbox.href }),
            .text("language", { _ in Route.language.href }), .text("account", { _ in Route.account().href }),
        ]
    }

    /// One language on the switch, named in itself ("English", "Español").
    struct LanguageOption: Templated, Sendable {
        var code: String
        var name: String
        var current: Bool

        static let fields: TemplateFields<Self> = [
            .text("code", \.code), .text("name", \.name), .flag("current", \.current),
        ]
    }

    /// A plain form, so it works without script and carries the CSRF token; `returnTo` is the page
    /// it was used on.
    struct LanguageSwitch: Templated, Sendable {
        var returnTo: String
        var options: [LanguageOption]

        static let fields: TemplateFields<Self> = [
            .text("returnTo", \.returnTo), .list("options", \.options),
        ]
    }

    var title: String
    var lang: String
    var csrf: String
    /// Nil on the few pages answered before a visitor has a CSRF token (an unknown address).
    var languageSwitch: LanguageSwitch?
    var currentUser: SignedInUser?

    static let fields: TemplateFields<Self> = [
        .text("title", \.title), .text("lang", \.lang), .text("csrf", \.csrf),
        .object("languageSwitch", \.languageSwitch),
        .object("currentUser", \.currentUser), .object("routes", { _ in Links() }),
    ]
}
