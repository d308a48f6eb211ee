import Claims
import Foundation
import HTTP
import Secrets
import Storage

/// The organization's users, for its global admins (the route's access rule): add, change a role,
/// deactivate, send a set-password link. Every change is scoped to the admin's own organization by
/// the store, and recorded in the audit trail.
struct PartnerUsersController: Sendable {
    let accounts: any AccountStore
    let links: PasswordLinks
    let audit: AuditTrail
    let pages: PageRenderer
    let clock: Clock

    func list(notice: UsersNotice?, context: RequestContext) throws -> HTTPResponse {
        try page(context: context, notice: notice)
    }

    /// A new user gets a set-password link by e-mail; nobody types their password for them. An
    /// address another organization's user (or a reviewer) holds is answered exactly as a new one
    /// (ASVS V6.3.8 no enumeration): nothing is created, and only operators hear of it.
    func add(context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let form = context.form
        let admin = try signedIn(context)
        let organization = try organizationID(context)
        var input = UsersPage.NewUser(
            email: form.text("email").trimmingCharacters(in: .whitespacesAndNewlines),
            name: form.text("name").trimmingCharacters(in: .whitespacesAndNewlines),
            role: form.text("role"))
        let email = input.email.lowercased()
        let holder = EmailAddress(parsing: input.email) == nil ? nil : try accounts.holder(ofEmail: email)
        if EmailAddress(parsing: input.email) == nil {
            input.errors.email = l("error.field.not_an_email_address")
        } else if let holder, holder.organizationID == organization {
            // Said together with every other problem, not only once the rest is right.
            input.errors.email = l("partner.users.error.email_taken")
        }
        if input.name.isEmpty { input.errors.name = l("error.field.required") }
        if input.name.count > 200 { input.errors.name = l("error.field.too_long", ["maximum": "200"]) }
        let role = Role(rawValue: input.role).flatMap { $0.isPartner ? $0 : nil }
        if role == nil { input.errors.role = l("error.field.unknown_choice") }
        guard input.errors.isEmpty, let role else {
            return try page(context: context, newUser: input, status: .unprocessableContent)
        }
        if holder != nil {
            audit.record(.userCreated, .refused, by: admin, address: context.clientAddress, detail: "address_held_elsewhere",
                         operatorsOnly: true)
            return .redirect(to: Route.organizationUsers(notice: .added).href)
        }
        do {
            let user = try accounts.createUser(email: email, name: input.name, role: role, organizationID: organization,
                                               passwordHash: PasswordHasher.noPassword, at: clock.now(),
                                               passwordLink: try links.issue(email: email, name: input.name, by: admin))
            links.queued()
            audit.record(.userCreated, .success, by: admin, about: user, address: context.clientAddress, detail: role.rawValue)
            audit.record(.passwordLinkSent, .success, by: admin, about: user, address: context.clientAddress)
        } catch AccountFailure.emailTaken {
            // Taken between the check and the write: answered as above.
            audit.record(.userCreated, .refused, by: admin, address: context.clientAddress, detail: "address_held_elsewhere",
                         operatorsOnly: true)
        }
        return .redirect(to: Route.organizationUsers(notice: .added).href)
    }

    /// Changes one user's role, deactivates them (`change=deactivate`, asked first, never one's
    /// own account), lets them back in (`change=reactivate`), or e-mails them a set-password link
    /// (`change=send_link`).
    func change(_ id: Int64, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let admin = try signedIn(context)
        let organization = try organizationID(context)
        let address = context.clientAddress
        func member() throws -> UserAccount {
            guard let user = try accounts.user(id: id), user.organizationID == organization else { throw HTTPError.notFound }
            return user
        }
        do {
            switch context.form.field("change") {
            case "deactivate":
                guard id != admin.id else {
                    return try page(context: context, alert: l("partner.users.error.self"), status: .conflict)
                }
                guard context.form.field("confirmed") == "yes" else {
                    return try page(context: context, confirmingDeactivation: id)
                }
                try accounts.deactivate(userID: id, organizationID: organization)
                audit.record(.userDeactivated, .success, by: admin, about: try member(), address: address)
                return .redirect(to: Route.organizationUsers(notice: .deactivated).href)
            case "reactivate":
                try accounts.reactivate(userID: id, organizationID: organization)
                audit.record(.userReactivated, .success, by: admin, about: try member(), address: address)
                return .redirect(to: Route.organizationUsers(notice: .reactivated).href)
            case "send_link":
                let user = try member()
                guard user.active else { throw HTTPError(.conflict) }
                try links.send(to: user, by: admin)
                audit.record(.passwordLinkSent, .success, by: admin, about: user, address: address)
                return .redirect(to: Route.organizationUsers(notice: .linkSent).href)
            default:
                break
            }
            guard let role = context.form.field("role").flatMap(Role.init(rawValue:)), role.isPartner else {
                return try page(context: context, alert: l("error.field.unknown_choice"), status: .unprocessableContent)
            }
            try accounts.changeRole(userID: id, organizationID: organization, to: role)
            audit.record(.roleChanged, .success, by: admin, about: try member(), address: address, detail: role.rawValue)
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

    private func signedIn(_ context: RequestContext) throws -> UserAccount {
        guard let user = context.user else { throw HTTPError(.forbidden) }
        return user
    }

    private func organizationID(_ context: RequestContext) throws -> Int64 {
        guard let id = context.user?.organizationID else { throw HTTPError(.forbidden) }
        return id
    }
}
