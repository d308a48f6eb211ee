import Foundation

/// The reviewer's decision service level while a claim is In review.
///
/// Rule: when the reviewer asks the partner for action, the business time left until the
/// decision deadline is frozen; when the partner resubmits, the deadline is set that much
/// business time after the resubmission. So the reviewer never loses time to the partner's
/// wait, and a weekend during the pause costs nothing. A clock already overdue when paused
/// stays at its old deadline (still overdue) on resumption.
public enum DecisionClock: Hashable, Codable, Sendable {
    case running(dueAt: Date)
    case paused(since: Date, remainingBusinessTime: TimeInterval, wasDueAt: Date)

    func pausing(at now: Date, calendar: BusinessCalendar) -> DecisionClock {
        switch self {
        case .running(let dueAt):
            .paused(since: now, remainingBusinessTime: calendar.businessTime(from: now, to: dueAt), wasDueAt: dueAt)
        case .paused:
            self
        }
    }

    func resuming(at now: Date, calendar: BusinessCalendar) -> DecisionClock {
        switch self {
        case .running:
            self
        case .paused(_, let remaining, let wasDueAt):
            .running(dueAt: remaining > 0 ? calendar.adding(businessTime: remaining, to: now) : wasDueAt)
        }
    }
}
