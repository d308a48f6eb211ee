/// A signed-in user of a partner organization, acting on that organization's claims.
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
