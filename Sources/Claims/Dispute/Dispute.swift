import Foundation

/// The partner's one dispute of a rejection, and the reviewer's decision on it.
public struct Dispute: Hashable, Codable, Sendable {
    public let disputedAt: Date
    public let disputedBy: UserID
    public let justification: String
    /// Documents uploaded with the dispute; they are also in the claim's evidence.
    public let evidence: [DocumentID]
    /// Service level for the reviewer's answer (shown, not enforced).
    public let answerDueAt: Date
    public var decision: DisputeDecision?
    public var decidedAt: Date?
    public var decidedBy: UserID?
    /// What the reviewer told the partner with the decision; empty when they said nothing.
    public var decisionComment: String?

    public init(disputedAt: Date, disputedBy: UserID, justification: String, evidence: [DocumentID], answerDueAt: Date) {
        self.disputedAt = disputedAt
        self.disputedBy = disputedBy
        self.justification = justification
        self.evidence = evidence
        self.answerDueAt = answerDueAt
    }
}
