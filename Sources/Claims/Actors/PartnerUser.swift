/// A signed-in user of a partner organization, acting on that organization's claims.
/// All three partner roles have the same rights over claims; `role` matters to the app
/// (only a global admin manages users). Build actors with `Actor.user(_:role:organization:)`,
/// which never puts a reviewer here.
public struct PartnerUser: Hashable, Codable, Sendable {
    public let id: UserID
    public let role: Role
    public let organization: OrganizationID

    public init(id: UserID, role: Role, organization: OrganizationID) {
        self.id = id
        self.role = role
        self.organization = organization
    }
}
