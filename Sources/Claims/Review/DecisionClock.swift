import Foundation

/// The reviewer's decision service level while a claim is In review.
///
/// Rule: when the reviewer asks the partner for action, the clock stops; when the partner
/// resubmits, the deadline moves by the whole business days the partner took — the business days
/// after the day it stopped, through the day it resumed. So the reviewer never loses time to the
/// partner's wait, a weekend during the pause costs nothing, a deadline is always the end of a day
/// (never a few seconds past midnight), and a same-day round trip leaves it where it was. A clock
/// already overdue when paused stays at its old deadline (still overdue) on resumption.
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
        case .paused(let since, let remaining, let wasDueAt):
            .running(dueAt: remaining > 0 ? Self.moved(wasDueAt, pausedAt: since, resumedAt: now, calendar: calendar) : wasDueAt)
        }
    }

    /// `dueAt` (the end of a day) moved by the business days in (day paused, day resumed].
    static func moved(_ dueAt: Date, pausedAt: Date, resumedAt: Date, calendar: BusinessCalendar) -> Date {
        let waited = calendar.businessDays(from: calendar.day(containing: pausedAt).adding(days: 1),
                                           through: calendar.day(containing: resumedAt))
        guard waited > 0 else { return dueAt }
        // The deadline's last day is the one before its exclusive end.
        return calendar.end(ofBusinessDays: waited, after: dueAt.addingTimeInterval(-1))
    }
}
