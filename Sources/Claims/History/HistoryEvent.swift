/// What happened, with the facts a history line shows.
public enum HistoryEvent: Hashable, Codable, Sendable {
    case created
    /// `reasons` are the message keys of the rejection or partner-action reasons, if any.
    case stateChange(from: ClaimState, to: ClaimState, reasons: [String], comment: String)
    /// Values as the form shows them; products as comma-separated raw values.
    case fieldChange(field: ClaimField, old: String, new: String)
    case upload(document: DocumentID, filename: String)
    case comment(String)
    case email(EmailKind, recipient: EmailAddress)
    case timer(SystemTimer)
    case assignment(reviewer: UserID)
    /// Another organization's claim competes for a workload of this claim's tenant.
    case conflict(with: ClaimID, products: [Product])
    /// The tenant directory lists the claim's subscription in this status: newly one that does not
    /// accept claims, or accepting them again.
    case subscriptionStatus(SubscriptionID, SubscriptionStatus)
    /// This approved association ended for `products`: `claim`, with more recent PoE, was approved for them.
    case replacedBy(claim: ClaimID, products: [Product])
    /// Approving this claim ended `claim`'s association for `products`: its PoE was older.
    case replaced(claim: ClaimID, products: [Product])

    public var kind: HistoryKind {
        switch self {
        case .created: .created
        case .stateChange: .stateChange
        case .fieldChange: .fieldChange
        case .upload: .upload
        case .comment: .comment
        case .email: .email
        case .timer: .timer
        case .assignment: .assignment
        case .conflict: .conflict
        case .subscriptionStatus: .directory
        case .replacedBy: .replacedBy
        case .replaced: .replaced
        }
    }
}
