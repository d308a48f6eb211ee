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
        ]
    }

    var title: String
    var lang: String
    var csrf: String
    var currentUser: SignedInUser?

    static let fields: TemplateFields<Self> = [
        .text("title", \.title), .text("lang", \.lang), .text("csrf", \.csrf),
        .object("currentUser", \.currentUser), .object("routes", { _ in Links() }),
    ]
}
