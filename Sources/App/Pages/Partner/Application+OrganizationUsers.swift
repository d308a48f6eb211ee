import Claims
import Foundation
import HTTP
import Storage
import Templating

extension Application {
    /// What was typed into the "add a user" form, kept when it is refused.
    struct NewUserInput {
        var email = ""
        var name = ""
        var role = Role.incentivesAdmin.rawValue
        var errors: [String: String] = [:]
        var alert: String?
        var notice: String?
        var status = 200
    }

    static let minimumPasswordLength = 12

    func usersPage(organizationID: Int64, input: NewUserInput = NewUserInput(), context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let partnerRoles = Role.allCases.filter(\.isPartner)
        let users = try accounts.users(organizationID: organizationID)
        var values: [String: TemplateValue] = [
            "users": .list(users.map { user in
                [
                    "name": .string(user.name),
                    "email": .string(user.email),
                    "role": .string(l(user.role.messageKey)),
                    "active": .bool(user.active),
                    "isSelf": .bool(user.id == context.user?.id),
                    "action": .string(Route.organizationUser(user.id).path),
                    "roles": .list(partnerRoles.map { role in
                        ["value": .string(role.rawValue), "label": .string(l(role.messageKey)), "selected": .bool(role == user.role)]
                    }),
                ]
            }),
            "addAction": .string(Route.organizationUsers.path),
            "email": .string(input.email),
            "name": .string(input.name),
            "roles": .list(partnerRoles.map { role in
                ["value": .string(role.rawValue), "label": .string(l(role.messageKey)), "selected": .bool(role.rawValue == input.role)]
            }),
            "minimumPassword": .int(Self.minimumPasswordLength),
        ]
        values["errors"] = .object(input.errors.mapValues(TemplateValue.string))
        values["alert"] = TemplateValue(input.alert)
        values["notice"] = TemplateValue(input.notice ?? context.request.queryItem("done").flatMap { done in
            ["added", "changed", "deactivated"].contains(done) ? l("partner.users.notice.\(done)") : nil
        })
        return try pages.render("users/index", title: l("partner.users.title"), values, status: input.status, context: context)
    }

    func addUser(organizationID: Int64, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let form = context.form
        var input = NewUserInput(
            email: (form?.field("email") ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            name: (form?.field("name") ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            role: form?.field("role") ?? "")
        let password = form?.field("password") ?? ""
        if EmailAddress(parsing: input.email) == nil { input.errors["email"] = l("error.field.not_an_email_address") }
        if input.name.isEmpty { input.errors["name"] = l("error.field.required") }
        if input.name.count > 200 { input.errors["name"] = l("error.field.too_long", ["maximum": "200"]) }
        let role = Role(rawValue: input.role).flatMap { $0.isPartner ? $0 : nil }
        if role == nil { input.errors["role"] = l("error.field.unknown_choice") }
        if password.count < Self.minimumPasswordLength {
            input.errors["password"] = l("partner.users.error.password", ["minimum": String(Self.minimumPasswordLength)])
        }
        if input.errors.isEmpty, let role {
            do {
                try accounts.createUser(email: input.email.lowercased(), name: input.name, role: role,
                                        organizationID: organizationID, passwordHash: try passwords.hash(password), at: clock.now())
                return .redirect(to: Route.organizationUsers.path + "?done=added")
            } catch AccountStore.Failure.emailTaken {
                input.errors["email"] = l("partner.users.error.email_taken")
            }
        }
        input.status = 422
        return try usersPage(organizationID: organizationID, input: input, context: context)
    }

    /// Changes one user's role, or deactivates them (`change=deactivate`).
    func changeUser(_ id: Int64, organizationID: Int64, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        do {
            if context.form?.field("change") == "deactivate" {
                try accounts.deactivate(userID: id, organizationID: organizationID)
                return .redirect(to: Route.organizationUsers.path + "?done=deactivated")
            }
            guard let role = context.form?.field("role").flatMap(Role.init(rawValue:)), role.isPartner else {
                return try usersPage(organizationID: organizationID, input: NewUserInput(
                    alert: l("error.field.unknown_choice"), status: 422), context: context)
            }
            try accounts.changeRole(userID: id, organizationID: organizationID, to: role)
            return .redirect(to: Route.organizationUsers.path + "?done=changed")
        } catch UserManagementError.unknownUser {
            return errorPage(status: 404, context: context)
        } catch UserManagementError.lastGlobalAdmin {
            return try usersPage(organizationID: organizationID, input: NewUserInput(
                alert: l("partner.users.error.last_global_admin"), status: 409), context: context)
        }
    }
}
