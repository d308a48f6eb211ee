import Claims

/// A person who logs in. Partner users belong to one organization; reviewers to none.
public struct UserAccount: Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let name: String
    public let role: Role
    public let organizationID: Int64?
    public let organizationName: String?
    public let active: Bool
    /// The language the user chose ("en", "es"), or nil if they never chose one.
    public let locale: String?
    /// False until a new user sets their first password through their link.
    public let hasPassword: Bool

    public init(id: Int64, email: String, name: String, role: Role, organizationID: Int64?,
                organizationName: String?, active: Bool, locale: String? = nil, hasPassword: Bool = true) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.active = active
        self.locale = locale
        self.hasPassword = hasPassword
    }
}
