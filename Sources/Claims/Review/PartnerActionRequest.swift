import Foundation

/// What the reviewer asked for while the claim is in Partner action required.
public struct PartnerActionRequest: Hashable, Codable, Sendable {
    public let requestedAt: Date
    public let requestedBy: UserID
    public let reasons: [PartnerActionReason]
    public let comment: String
    /// Products the partner must take off the claim before resubmitting.
    public let productsToRemove: [Product]
    /// Without a response by then, the claim is rejected for "No partner response".
    public let respondBy: Date
    /// nil when reminders are off or the window is too short for one.
    public let remindAt: Date?
    public var reminderSent: Bool

    public init(
        requestedAt: Date, requestedBy: UserID, reasons: [PartnerActionReason], comment: String,
        productsToRemove: [Product], respondBy: Date, remindAt: Date?, reminderSent: Bool = false
    ) {
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
        self.reasons = reasons
        self.comment = comment
        self.productsToRemove = productsToRemove
        self.respondBy = respondBy
        self.remindAt = remindAt
        self.reminderSent = reminderSent
    }
}
