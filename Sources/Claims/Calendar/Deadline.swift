import Foundation

/// A deadline a claim is running against.
public struct Deadline: Hashable, Codable, Sendable {
    public let kind: DeadlineKind
    /// Exclusive: at this instant the deadline has passed.
    public let dueAt: Date

    public init(kind: DeadlineKind, dueAt: Date) {
        self.kind = kind
        self.dueAt = dueAt
    }

    /// Wall-clock time left; negative once overdue.
    public func remaining(at now: Date) -> TimeInterval { dueAt.timeIntervalSince(now) }

    public func isOverdue(at now: Date) -> Bool { now >= dueAt }
}
