import Foundation

/// One line of a claim's history: what happened, who did it, and when.
public struct HistoryEntry: Hashable, Codable, Sendable, MessageKeyed {
    /// A transition may record history on another claim too (a competing claim being flagged).
    public let claimID: ClaimID
    public let at: Date
    public let actor: Actor
    public let event: HistoryEvent

    public init(claimID: ClaimID, at: Date, actor: Actor, event: HistoryEvent) {
        self.claimID = claimID
        self.at = at
        self.actor = actor
        self.event = event
    }

    public var kind: HistoryKind { event.kind }

    public var messageKey: String { kind.messageKey }

    public var messageArguments: [String: String] {
        switch event {
        case .created: [:]
        case .stateChange(let from, let to, let reasons, let comment):
            ["from": from.messageKey, "to": to.messageKey, "reasons": reasons.joined(separator: ","), "comment": comment]
        case .fieldChange(let field, let old, let new): ["field": field.messageKey, "old": old, "new": new]
        case .upload(let document, let filename): ["document": document.rawValue, "filename": filename]
        case .comment(let text): ["comment": text]
        case .email(let kind, let recipient): ["email": kind.messageKey, "recipient": recipient.rawValue]
        case .timer(let timer): ["timer": timer.messageKey]
        case .assignment(let reviewer): ["reviewer": reviewer.rawValue]
        case .conflict(let other, let products), .replacedBy(let other, let products), .replaced(let other, let products):
            ["claim": other.rawValue, "products": products.map(\.messageKey).joined(separator: ",")]
        case .subscriptionStatus(let subscription, let status):
            ["subscription": subscription.rawValue, "status": status.messageKey]
        }
    }
}
