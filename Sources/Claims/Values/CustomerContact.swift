/// The person at the customer who can confirm the work, and who receives the consent e-mail.
public struct CustomerContact: Hashable, Codable, Sendable {
    public var name: String
    public var title: String
    public var email: EmailAddress?
    /// The language the contact reads ("en", "es"): their consent e-mail and page are in it. Nil on
    /// claims filed before contacts had one; those follow the deployment's default.
    public var language: String?

    public init(name: String = "", title: String = "", email: EmailAddress? = nil, language: String? = nil) {
        self.name = name
        self.title = title
        self.email = email
        self.language = language
    }
}
