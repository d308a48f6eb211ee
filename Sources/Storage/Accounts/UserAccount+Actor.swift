import Claims

extension UserAccount {
    /// The account as the workflow's actor: a reviewer, or a partner user acting for its organization.
    public var actor: Actor {
        Actor.user(UserID(String(id)), role: role, organization: organizationID.map { OrganizationID(String($0)) })
            ?? .reviewer(UserID(String(id)))
    }
}
