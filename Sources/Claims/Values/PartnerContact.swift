/// The person at the partner who receives this claim's e-mails.
public struct PartnerContact: Hashable, Codable, Sendable {
    public var name: String
    public var email: EmailAddress?

    public init(name: String = "", email: EmailAddress? = nil) {
        self.name = name
        self.email = email
    }
}
