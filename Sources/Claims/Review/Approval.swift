import Foundation

/// A reviewer's approval, and what became of it.
public struct Approval: Hashable, Codable, Sendable {
    public let approvedAt: Date
    public let approvedBy: UserID
    public let consentWindow: ConsentWindow
    /// The SHA-256 of the customer's consent-link token (`ConsentToken.hash`). The token itself
    /// is not kept: it travels only in the consent e-mail.
    public let consentTokenHash: String
    /// Set when the consent window closed without a denial; the claim stays Approved.
    public var sentForIncentiveEvaluationAt: Date?
    /// What of the association ended after approval, oldest first: the workloads a competing claim
    /// took over, or all of it when the customer declined. Empty while all of it stands.
    public var ends: [AssociationEnd] = []

    public init(approvedAt: Date, approvedBy: UserID, consentWindow: ConsentWindow, consentTokenHash: String,
                sentForIncentiveEvaluationAt: Date? = nil) {
        self.approvedAt = approvedAt
        self.approvedBy = approvedBy
        self.consentWindow = consentWindow
        self.consentTokenHash = consentTokenHash
        self.sentForIncentiveEvaluationAt = sentForIncentiveEvaluationAt
    }

    public init(approvedAt: Date, approvedBy: UserID, consentWindow: ConsentWindow, consentToken: ConsentToken,
                sentForIncentiveEvaluationAt: Date? = nil) {
        self.init(approvedAt: approvedAt, approvedBy: approvedBy, consentWindow: consentWindow,
                  consentTokenHash: consentToken.hash, sentForIncentiveEvaluationAt: sentForIncentiveEvaluationAt)
    }

    public var isSentForIncentiveEvaluation: Bool { sentForIncentiveEvaluationAt != nil }

    /// Whether `token` is this approval's consent-link token, compared in constant time.
    public func accepts(_ token: ConsentToken) -> Bool { token.matches(hash: consentTokenHash) }

    private enum CodingKeys: String, CodingKey {
        case approvedAt, approvedBy, consentWindow, consentTokenHash, sentForIncentiveEvaluationAt, ends
        /// Approvals stored before tokens were hashed held the token itself.
        case consentToken
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        approvedAt = try container.decode(Date.self, forKey: .approvedAt)
        approvedBy = try container.decode(UserID.self, forKey: .approvedBy)
        consentWindow = try container.decode(ConsentWindow.self, forKey: .consentWindow)
        if let hash = try container.decodeIfPresent(String.self, forKey: .consentTokenHash) {
            consentTokenHash = hash
        } else {
            consentTokenHash = try container.decode(ConsentToken.self, forKey: .consentToken).hash
        }
        sentForIncentiveEvaluationAt = try container.decodeIfPresent(Date.self, forKey: .sentForIncentiveEvaluationAt)
        ends = try container.decodeIfPresent([AssociationEnd].self, forKey: .ends) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(approvedAt, forKey: .approvedAt)
        try container.encode(approvedBy, forKey: .approvedBy)
        try container.encode(consentWindow, forKey: .consentWindow)
        try container.encode(consentTokenHash, forKey: .consentTokenHash)
        try container.encodeIfPresent(sentForIncentiveEvaluationAt, forKey: .sentForIncentiveEvaluationAt)
        // Approvals that stand whole are written as before.
        if !ends.isEmpty { try container.encode(ends, forKey: .ends) }
    }
}
