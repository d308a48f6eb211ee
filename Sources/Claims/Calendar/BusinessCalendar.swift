import Foundation

/// Business days are Monday–Friday in the deployment's time zone, minus its holidays.
///
/// Deadlines are instants. "N business days after t" ends at the end of the Nth business day
/// after the day of t — the day of the event itself never counts, even when it is a business
/// day, and an event on a weekend or holiday counts from the next business day. The end of a day
/// is represented as the start of the following calendar day (exclusive), which is what keeps
/// deadlines exact across DST changes, where a day lasts 23 or 25 hours.
public struct BusinessCalendar: Sendable, Equatable {
    public let timeZone: TimeZone
    public let holidays: Set<LocalDate>
    private let calendar: Calendar

    /// nil if the time zone identifier (e.g. `Europe/Madrid`) is unknown.
    public init?(timeZoneIdentifier: String, holidays: some Sequence<LocalDate> = []) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.init(timeZone: zone, holidays: holidays)
    }

    public init(timeZone: TimeZone, holidays: some Sequence<LocalDate> = []) {
        self.timeZone = timeZone
        self.holidays = Set(holidays)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public func isBusinessDay(_ day: LocalDate) -> Bool {
        !day.isWeekend && !holidays.contains(day)
    }

    /// The local day an instant falls on.
    public func day(containing instant: Date) -> LocalDate {
        // The zone's offset at that instant, then whole days: pages ask this for every row, and
        // Calendar.dateComponents costs far more than the arithmetic.
        let seconds = instant.timeIntervalSince1970.rounded(.down) + Double(timeZone.secondsFromGMT(for: instant))
        return LocalDate(dayNumber: Int((seconds / 86_400).rounded(.down)))
    }

    /// The first instant of a local day. Where a DST change skips midnight, that is the first
    /// instant that exists on that day.
    public func start(of day: LocalDate) -> Date {
        // Noon always exists, whatever the zone does around midnight.
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return calendar.startOfDay(for: noon)
    }

    /// The end of the `count`th business day after the day of `instant`.
    public func end(ofBusinessDays count: Int, after instant: Date) -> Date {
        guard count > 0 else { return instant }
        var day = self.day(containing: instant)
        var counted = 0
        while counted < count {
            day = day.adding(days: 1)
            if isBusinessDay(day) { counted += 1 }
        }
        return start(of: day.adding(days: 1))
    }

    /// The end of the `count`th calendar day after the day of `instant`: weekends and holidays count.
    public func end(ofCalendarDays count: Int, after instant: Date) -> Date {
        guard count > 0 else { return instant }
        return start(of: day(containing: instant).adding(days: count + 1))
    }

    /// How many business days lie from `first` through `last`, both included (0 if `last` is
    /// earlier). Whole weeks are counted by arithmetic, so a span of years costs no more than a week:
    /// pages show this for every row, including claims overdue for months.
    public func businessDays(from first: LocalDate, through last: LocalDate) -> Int {
        guard last >= first else { return 0 }
        let span = last.dayNumber - first.dayNumber + 1
        var count = span / 7 * 5
        var day = first.adding(days: span / 7 * 7)
        while day <= last {
            if !day.isWeekend { count += 1 }
            day = day.adding(days: 1)
        }
        return count - holidays.count { !$0.isWeekend && $0 >= first && $0 <= last }
    }

    /// Elapsed time between two instants counting only time inside business days.
    public func businessTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = self.day(containing: start)
        var cursor = start
        while cursor < end {
            let next = self.start(of: day.adding(days: 1))
            if isBusinessDay(day) { total += min(next, end).timeIntervalSince(cursor) }
            cursor = next
            day = day.adding(days: 1)
        }
        return total
    }

    /// The instant at which `duration` of business time has elapsed after `instant`.
    /// If it is used up exactly at the end of a business day, the result is that day's end.
    public func adding(businessTime duration: TimeInterval, to instant: Date) -> Date {
        guard duration > 0 else { return instant }
        var left = duration
        var day = self.day(containing: instant)
        var cursor = instant
        while true {
            let next = start(of: day.adding(days: 1))
            if isBusinessDay(day) {
                let available = next.timeIntervalSince(cursor)
                if left <= available { return cursor.addingTimeInterval(left) }
                left -= available
            }
            cursor = next
            day = day.adding(days: 1)
        }
    }

    /// The start of the `count`th business day counting back from a deadline, where the day
    /// holding the deadline's last moment is the first. With `count` 1 and a deadline at the end
    /// of a Monday, that is Monday's start; nil when `count` is zero (no reminder wanted).
    public func start(ofBusinessDay count: Int, before deadline: Date) -> Date? {
        guard count > 0 else { return nil }
        var day = self.day(containing: deadline.addingTimeInterval(-0.001))
        var counted = 0
        while true {
            if isBusinessDay(day) {
                counted += 1
                if counted == count { return start(of: day) }
            }
            day = day.adding(days: -1)
        }
    }
}
