/// The customer organization a claim is about. Empty parts are allowed only in a draft.
public struct Customer: Hashable, Codable, Sendable {
    public var tenantID: TenantID?
    public var domain: DomainName?
    public var name: String

    public init(tenantID: TenantID? = nil, domain: DomainName? = nil, name: String = "") {
        self.tenantID = tenantID
        self.domain = domain
        self.name = name
    }
}
