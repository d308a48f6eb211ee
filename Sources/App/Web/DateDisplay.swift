import Claims
import Foundation

/// Dates as people read them, in the deployment's time zone.
///
/// Pages show many dates (a dashboard row has several), so the few formats they use are written
/// here from the calendar arithmetic instead of through ICU on every call: English output is
/// byte-for-byte what Foundation's en_GB styles print (a test compares them over many dates and
/// zones); other locales use Foundation's styles, built once.
struct DateDisplay: Sendable {
    let timeZone: TimeZone
    let locale: Locale
    private let names: Names?
    private let styles: Styles

    private struct Names: Sendable {
        let months: [String]
        let weekdays: [String]
    }

    private struct Styles: Sendable {
        let dateTime: Date.FormatStyle
        let day: Date.FormatStyle
        let lastDay: Date.FormatStyle
    }

    init(timeZone: TimeZone, localeIdentifier: String) {
        self.timeZone = timeZone
        // en_GB reads "2 Dec 2026", day first, which is also how the Spanish edition will read.
        let english = localeIdentifier == "en" || localeIdentifier == "en_GB"
        locale = Locale(identifier: english ? "en_GB" : localeIdentifier)
        names = english ? Names(
            months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
            weekdays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]) : nil
        styles = Styles(
            dateTime: Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone),
            day: Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale, timeZone: timeZone),
            lastDay: Date.FormatStyle(locale: locale, timeZone: timeZone).weekday(.abbreviated).day().month(.abbreviated).year())
    }

    /// "2 Dec 2026 at 17:05"
    func dateTime(_ date: Date) -> String {
        guard let names else { return date.formatted(styles.dateTime) }
        let t = LocalTime(date, in: timeZone)
        let minute = t.minute < 10 ? "0\(t.minute)" : String(t.minute)
        return "\(t.day) \(names.months[t.month - 1]) \(t.year) at \(t.hour):\(minute)"
    }

    /// "2 Dec 2026"
    func day(_ date: Date) -> String {
        guard let names else { return date.formatted(styles.day) }
        let t = LocalTime(date, in: timeZone)
        return "\(t.day) \(names.months[t.month - 1]) \(t.year)"
    }

    /// "Tue, 1 Dec 2026": the last day of a window that ends at the following midnight.
    func lastDay(endingAt end: Date) -> String {
        let date = end.addingTimeInterval(-1)
        guard let names else { return date.formatted(styles.lastDay) }
        let t = LocalTime(date, in: timeZone)
        return "\(names.weekdays[t.weekday]), \(t.day) \(names.months[t.month - 1]) \(t.year)"
    }

    /// "Tue, 1 Dec 2026 (Europe/Madrid)": a window's last day with the zone it is counted in.
    func lastDayInZone(endingAt end: Date) -> String { lastDay(endingAt: end) + " (" + zoneName + ")" }

    /// The zone dates are shown in, as people name it in deadlines: "Europe/Madrid", "UTC".
    var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    /// "2026-12-02T17:05:00Z", in UTC, for machine-readable attributes and exports.
    func iso(_ date: Date) -> String {
        let t = LocalTime(date, in: nil)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(t.year)-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute)):\(two(t.second))Z"
    }
}

/// A moment's civil date and time in a zone (UTC when nil): whole days through `LocalDate`'s
/// calendar arithmetic (proleptic Gregorian, as Foundation uses for these years).
struct LocalTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// 0 = Sunday.
    var weekday: Int

    init(_ date: Date, in zone: TimeZone?) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + (zone?.secondsFromGMT(for: date) ?? 0)
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday.
        let date = LocalDate(dayNumber: days)
        (year, month, day) = (date.year, date.month, date.day)
    }
}
