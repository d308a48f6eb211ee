/// The automatic transitions, run by the system when a deadline passes.
public enum SystemTimer: String, CaseIterable, Codable, Sendable, MessageKeyed {
    /// Partner action required and the response window lapsed: rejected, "No partner response".
    case partnerResponseLapsed = "partner_response_lapsed"
    /// Approved and the consent window closed without a denial: sent for incentive evaluation.
    case consentWindowClosed = "consent_window_closed"
    /// Rejected and the dispute window closed: Rejected (final).
    case disputeWindowClosed = "dispute_window_closed"
    /// A partner deadline is near: e-mail a reminder, once per deadline.
    case partnerReminder = "partner_reminder"

    public var messageKey: String { "timer.\(rawValue)" }
}
