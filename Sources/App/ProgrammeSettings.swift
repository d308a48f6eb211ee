/// Who runs the partner programme, for the people who meet it without an account: customers on the
/// consent page and in e-mails learn who writes to them, how to reach a person, and where the
/// privacy notice is.
public struct ProgrammeSettings: Sendable, Equatable {
    /// "Microsoft partner programme": who records which partner helped which customer.
    public var name = "Microsoft partner programme"
    /// Where a customer with a question writes; nil when the programme gives none.
    public var contactEmail: String?
    /// The programme's privacy notice; nil when there is none to link.
    public var privacyURL: String?

    public init() {}
}
