import Claims
import Storage
import Templating

/// The organization's users, for its global admins: change a role, deactivate, send a
/// set-password link, add someone (who gets such a link).
struct UsersPage: Page {
    static let template = "users/index"
    var title: String
    var users: [User]
    var notice: String?
    var alert: String?
    /// What was typed into "add a user", kept when it is refused.
    var newUser: NewUser
    var roles: [Choice]

    struct User: Templated {
        var name: String
        var email: String
        var role: String
        var active: Bool
        /// False until they set their first password through their link.
        var hasPassword: Bool
        var isSelf: Bool
        var action: String
        var roles: [Choice]
        /// Asked "deactivate this user?" after the first click.
        var confirming: Bool
        static let fields: TemplateFields<Self> = [
            .text("name", \.name), .text("email", \.email), .text("role", \.role), .flag("active", \.active),
            .flag("hasPassword", \.hasPassword), .flag("isSelf", \.isSelf), .text("action", \.action), .list("roles", \.roles), .flag("confirming", \.confirming),
        ]
    }

    struct NewUser: Sendable {
        var email = ""
        var name = ""
        var role = Role.incentivesAdmin.rawValue
        var errors = Errors()
    }

    /// A message per field of the "add a user" form.
    struct Errors: Templated {
        var email: String?
        var name: String?
        var role: String?
        var isEmpty: Bool { email == nil && name == nil && role == nil }
        static let fields: TemplateFields<Self> = [
            .optional("email", \.email), .optional("name", \.name), .optional("role", \.role),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .list("users", \.users), .optional("notice", \.notice), .optional("alert", \.alert),
        .text("addAction", { _ in Route.organizationUsers().href }), .text("auditLink", { _ in Route.organizationAudit().href }),
        .text("email", { $0.newUser.email }),
        .text("name", { $0.newUser.name }), .list("roles", \.roles), .object("errors", { $0.newUser.errors }),
    ]

    init(users: [UserAccount], me: Int64?, localizer l: Localizer, newUser: NewUser = NewUser(),
         notice: UsersNotice? = nil, alert: String? = nil, confirmingDeactivation: Int64? = nil) {
        title = l("partner.users.title")
        let partnerRoles = Role.allCases.filter(\.isPartner)
        func choices(_ selected: String) -> [Choice] {
            partnerRoles.map { Choice(value: $0.rawValue, label: l($0.messageKey), selected: $0.rawValue == selected) }
        }
        self.users = users.map { user in
            User(name: user.name, email: user.email, role: l(user.role.messageKey), active: user.active,
                 hasPassword: user.hasPassword, isSelf: user.id == me, action: Route.organizationUser(user.id).href, roles: choices(user.role.rawValue),
                 confirming: user.id == confirmingDeactivation)
        }
        self.newUser = newUser
        roles = choices(newUser.role)
        self.notice = notice.map { l($0.messageKey) }
        self.alert = alert
    }
}
