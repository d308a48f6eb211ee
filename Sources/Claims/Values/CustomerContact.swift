/// The person at the customer who can confirm the work, and who receives the consent e-mail.
public struct CustomerContact: Hashable, Codable, Sendable {
    public var name: String
    public var title: String
    public var email: EmailAddress?

    public init(name: String = "", title: String = "", email: EmailAddress? = nil) {
        self.name = name
        self.title = title
        self.email = email
    }
}
