/// An e-mail to put in the outbox. The app renders `kind`'s template with `parameters`
/// in the recipient's language; a worker delivers it. Only an account's e-mail (a set-password
/// link) is about no claim.
public struct OutgoingEmail: Hashable, Codable, Sendable, MessageKeyed {
    public let kind: EmailKind
    public let recipient: EmailAddress
    public let recipientName: String
    public let claimID: ClaimID?
    /// Enum values as message keys, instants as ISO 8601; `consent_token` only in consent requests,
    /// `password_token` only in set-password links.
    public let parameters: [String: String]

    public init(kind: EmailKind, recipient: EmailAddress, recipientName: String, claimID: ClaimID?, parameters: [String: String]) {
        self.kind = kind
        self.recipient = recipient
        self.recipientName = recipientName
        self.claimID = claimID
        self.parameters = parameters
    }

    public var messageKey: String { kind.messageKey }
    public var messageArguments: [String: String] { parameters }
}
