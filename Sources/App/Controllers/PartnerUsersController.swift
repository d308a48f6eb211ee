import Claims
import Foundation
import HTTP
import Secrets
import Storage

/// The organization's users, for its global admins (the route's access rule): add, change a role,
/// deactivate. Every change is scoped to the admin's own organization by the store.
struct PartnerUsersController: Sendable {
    let accounts: AccountStore
    let passwords: PasswordHasher
    let pages: PageRenderer
    let clock: Clock

    func list(notice: UsersNotice?, context: RequestContext) throws -> HTTPResponse {
        try page(context: context, notice: notice)
    }

    func add(context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let form = context.form
        var input = UsersPage.NewUser(
            email: form.text("email").trimmingCharacters(in: .whitespacesAndNewlines),
            name: form.text("name").trimmingCharacters(in: .whitespacesAndNewlines),
            role: form.text("role"))
        let password = form.text("password")
        if EmailAddress(parsing: input.email) == nil {
            input.errors.email = l("error.field.not_an_email_address")
        } else if try accounts.credentials(email: input.email.lowercased()) != nil {
            // Said together with every other problem, not only once the rest is right.
            input.errors.email = l("partner.users.error.email_taken")
        }
        if input.name.isEmpty { input.errors.name = l("error.field.required") }
        if input.name.count > 200 { input.errors.name = l("error.field.too_long", ["maximum": "200"]) }
        let role = Role(rawValue: input.role).flatMap { $0.isPartner ? $0 : nil }
        if role == nil { input.errors.role = l("error.field.unknown_choice") }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            // crypt_r stops at a NUL: "a\0" and twelve more characters would log in with "a".
            input.errors.password = l("partner.users.error.password_control")
        } else if password.count < UsersPage.minimumPasswordLength {
            input.errors.password = l("partner.users.error.password", ["minimum": String(UsersPage.minimumPasswordLength)])
        }
        if input.errors.isEmpty, let role {
            do {
                try accounts.createUser(email: input.email.lowercased(), name: input.name, role: role,
                                        organizationID: try organizationID(context), passwordHash: try passwords.hash(password),
                                        at: clock.now())
                return .redirect(to: Route.organizationUsers(notice: .added).href)
            } catch AccountStore.Failure.emailTaken {
                input.errors.email = l("partner.users.error.email_taken")
            }
        }
        return try page(context: context, newUser: input, status: .unprocessableContent)
    }

    /// Changes one user's role, deactivates them (`change=deactivate`, asked first, never one's
    /// own account) or lets them back in (`change=reactivate`).
    func change(_ id: Int64, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let organization = try organizationID(context)
        do {
            switch context.form.field("change") {
            case "deactivate":
                guard id != context.user?.id else {
                    return try page(context: context, alert: l("partner.users.error.self"), status: .conflict)
                }
                guard context.form.field("confirmed") == "yes" else {
                    return try page(context: context, confirmingDeactivation: id)
                }
                try accounts.deactivate(userID: id, organizationID: organization)
                return .redirect(to: Route.organizationUsers(notice: .deactivated).href)
            case "reactivate":
                try accounts.reactivate(userID: id, organizationID: organization)
                return .redirect(to: Route.organizationUsers(notice: .reactivated).href)
            default:
                break
            }
            guard let role = context.form.field("role").flatMap(Role.init(rawValue:)), role.isPartner else {
                return try page(context: context, alert: l("error.field.unknown_choice"), status: .unprocessableContent)
            }
            try accounts.changeRole(userID: id, organizationID: organization, to: role)
            return .redirect(to: Route.organizationUsers(notice: .changed).href)
        } catch UserManagementError.unknownUser {
            throw HTTPError.notFound
        } catch UserManagementError.lastGlobalAdmin {
            return try page(context: context, alert: l("partner.users.error.last_global_admin"), status: .conflict)
        }
    }

    private func page(context: RequestContext, newUser: UsersPage.NewUser = UsersPage.NewUser(), notice: UsersNotice? = nil,
                      alert: String? = nil, confirmingDeactivation: Int64? = nil, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let users = try accounts.users(organizationID: try organizationID(context))
        guard confirmingDeactivation == nil || users.contains(where: { $0.id == confirmingDeactivation }) else {
            throw HTTPError.notFound
        }
        let model = UsersPage(users: users, me: context.user?.id, localizer: context.localizer, newUser: newUser,
                              notice: notice, alert: alert, confirmingDeactivation: confirmingDeactivation)
        return pages.render(model, status: status, context: context)
    }

    private func organizationID(_ context: RequestContext) throws -> Int64 {
        guard let id = context.user?.organizationID else { throw HTTPError(.forbidden) }
        return id
    }
}
