import Foundation

/// A reviewer's approval, and what became of it.
public struct Approval: Hashable, Codable, Sendable {
    public let approvedAt: Date
    public let approvedBy: UserID
    public let consentWindow: ConsentWindow
    /// Credential in the customer's consent link; compare, never display.
    public let consentToken: ConsentToken
    /// Set when the consent window closed without a denial; the claim stays Approved.
    public var sentForIncentiveEvaluationAt: Date?

    public init(approvedAt: Date, approvedBy: UserID, consentWindow: ConsentWindow, consentToken: ConsentToken,
                sentForIncentiveEvaluationAt: Date? = nil) {
        self.approvedAt = approvedAt
        self.approvedBy = approvedBy
        self.consentWindow = consentWindow
        self.consentToken = consentToken
        self.sentForIncentiveEvaluationAt = sentForIncentiveEvaluationAt
    }

    public var isSentForIncentiveEvaluation: Bool { sentForIncentiveEvaluationAt != nil }
}
