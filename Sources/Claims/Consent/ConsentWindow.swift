import Foundation

/// The calendar days after approval during which the customer may still deny the association.
public struct ConsentWindow: Hashable, Codable, Sendable {
    public let opensAt: Date
    /// Exclusive: at this instant the window is closed.
    public let closesAt: Date

    public init(opensAt: Date, closesAt: Date) {
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    public func isOpen(at now: Date) -> Bool { now >= opensAt && now < closesAt }
}
