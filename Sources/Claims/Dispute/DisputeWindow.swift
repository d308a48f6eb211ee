import Foundation

/// The calendar days after a rejection during which the partner may dispute it.
public struct DisputeWindow: Hashable, Codable, Sendable {
    public let opensAt: Date
    /// Exclusive: at this instant the window is closed and the rejection becomes final.
    public let closesAt: Date
    public let remindAt: Date?
    public var reminderSent: Bool

    public init(opensAt: Date, closesAt: Date, remindAt: Date?, reminderSent: Bool = false) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.remindAt = remindAt
        self.reminderSent = reminderSent
    }

    public func isOpen(at now: Date) -> Bool { now >= opensAt && now < closesAt }
}
