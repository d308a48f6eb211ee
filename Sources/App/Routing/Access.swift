import Claims

/// Who may open a route, declared once per route in `Route.access` and checked before any
/// handler runs. Organization-level access (a claim of another organization) is the domain's:
/// controllers ask `Claim.isVisible(to:)` and answer 404.
enum Access: Equatable, Sendable {
    /// Anyone, signed in or not.
    case anyone
    /// Any signed-in user (partners and reviewers both download PoE).
    case signedIn
    /// Signed-in partner users with one of these roles.
    case partner(Set<Role>)
    case reviewer
    /// Nobody signs in: the token in the path (a consent or set-password link) is the credential,
    /// checked by the controller.
    case tokenInPath
    /// Monitoring tools: loopback, or the configured bearer token, checked by the controller.
    case monitoring

    enum Decision: Equatable {
        case allowed
        /// Anonymous on a page that needs a login: to the login page.
        case signIn
        /// Signed in with the wrong role: a 403 page with this message.
        case forbidden(messageKey: String)
    }

    func decide(for role: Role?) -> Decision {
        switch self {
        case .anyone, .tokenInPath, .monitoring:
            return .allowed
        case .signedIn:
            return role == nil ? .signIn : .allowed
        case .partner(let roles):
            guard let role else { return .signIn }
            if roles.contains(role) { return .allowed }
            return .forbidden(messageKey: role.isPartner ? "error.forbidden.globalAdminOnly" : "error.forbidden.partnersOnly")
        case .reviewer:
            guard let role else { return .signIn }
            return role == .reviewer ? .allowed : .forbidden(messageKey: "error.forbidden.reviewersOnly")
        }
    }
}

extension Role {
    static let partnerRoles = Set(Role.allCases.filter(\.isPartner))
}
