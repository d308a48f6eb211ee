/// The e-mails the service sends: the workflow's, and an account's set-password link.
public enum EmailKind: String, CaseIterable, Codable, Sendable, MessageKeyed {
    /// To the customer contact on approval, with the link to deny.
    case consentRequest = "consent_request"
    case partnerActionRequired = "partner_action_required"
    /// With the reasons and, when it can be disputed, how and until when.
    case rejection = "rejection"
    case approval = "approval"
    case disputeDecision = "dispute_decision"
    /// Before a partner deadline lapses.
    case deadlineReminder = "deadline_reminder"
    /// The customer declined an association already sent for incentive evaluation (2023 edition).
    case endedByCustomer = "ended_by_customer"
    /// A competing claim with more recent PoE was approved for some or all of the claim's workloads.
    case associationReplaced = "association_replaced"
    /// To a user, with a single-use link that sets their password (their first, or a new one).
    case setPassword = "set_password"

    public var messageKey: String { "email.\(rawValue)" }
}
