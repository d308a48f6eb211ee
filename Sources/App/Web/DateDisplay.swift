import Foundation

/// Dates as people read them, in the deployment's time zone.
struct DateDisplay: Sendable {
    let timeZone: TimeZone
    let locale: Locale

    init(timeZone: TimeZone, localeIdentifier: String) {
        self.timeZone = timeZone
        // en_GB reads "2 Dec 2026", day first, which is also how the Spanish edition will read.
        self.locale = Locale(identifier: localeIdentifier == "en" ? "en_GB" : localeIdentifier)
    }

    /// "2 Dec 2026, 17:05"
    func dateTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone))
    }

    /// "2 Dec 2026"
    func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale, timeZone: timeZone))
    }

    /// "Tue 1 Dec 2026": the last day of a window that ends at the following midnight.
    func lastDay(endingAt end: Date) -> String {
        let style = Date.FormatStyle(locale: locale, timeZone: timeZone).weekday(.abbreviated).day().month(.abbreviated).year()
        return end.addingTimeInterval(-1).formatted(style)
    }

    /// "2026-12-02", for machine-readable attributes and exports.
    func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
    }
}
