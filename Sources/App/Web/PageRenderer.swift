import HTTP
import Templating

/// Turns a template and its page-specific values into a full HTML response inside the layout,
/// adding what every page shows: who is logged in, their organization and role, the CSRF token.
struct PageRenderer: Sendable {
    let templates: TemplateSet

    func render(_ name: String, title: String, _ values: [String: TemplateValue], status: Int = 200,
                context: RequestContext) throws -> HTTPResponse {
        var page = values
        page["title"] = .string(title)
        page["csrf"] = .string(context.csrfToken)
        page["lang"] = .string(context.localizer.locale)
        if let user = context.user {
            page["currentUser"] = [
                "name": .string(user.name),
                "email": .string(user.email),
                "role": .string(context.localizer(user.role.messageKey)),
                "organization": user.organizationName.map(TemplateValue.string) ?? .null,
                "isReviewer": .bool(!user.role.isPartner),
                "isPartner": .bool(user.role.isPartner),
            ]
        }
        page["routes"] = [
            "home": .string(Route.home.path), "login": .string(Route.login.path), "logout": .string(Route.logout.path),
            "claims": .string(Route.claims.path), "review": .string(Route.review.path),
            "css": .string(Route.asset("app.css").path), "logo": .string(Route.asset("logo.svg").path),
        ]
        let localizer = context.localizer
        let html = try templates.render(name, .object(page), layout: "layout", localizer: { localizer.lookup($0) })
        return HTTPResponse.html(html, status: HTTPStatus(status))
    }
}
