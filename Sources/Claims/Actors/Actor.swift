/// Who performs an action, and who history says did it.
///
/// A customer has no account: they prove who they are with the token from their consent link,
/// which travels in the action (`ClaimAction.denyConsent`) so that it is never recorded here.
public enum Actor: Hashable, Codable, Sendable, CustomStringConvertible {
    case partner(PartnerUser)
    case reviewer(UserID)
    case customer
    case system

    /// The actor for a signed-in user: reviewers act as reviewers, every other role as its organization's partner.
    public static func user(_ id: UserID, role: Role, organization: OrganizationID?) -> Actor? {
        if role == .reviewer { return .reviewer(id) }
        guard let organization else { return nil }
        return .partner(PartnerUser(id: id, role: role, organization: organization))
    }

    public var kind: ActorKind {
        switch self {
        case .partner: .partner
        case .reviewer: .reviewer
        case .customer: .customer
        case .system: .system
        }
    }

    public var description: String {
        switch self {
        case .partner(let user): "partner \(user.id) (\(user.role.rawValue), \(user.organization))"
        case .reviewer(let id): "reviewer \(id)"
        case .customer: "customer"
        case .system: "system"
        }
    }
}
