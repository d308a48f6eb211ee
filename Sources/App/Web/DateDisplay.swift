import Claims
import Foundation

/// Dates, times and numbers as people read them in one language, in the deployment's time zone.
///
/// Pages show many dates (a dashboard row has several), so the formats they use are written here
/// from the calendar arithmetic instead of through ICU on every call. For English and Spanish the
/// output is byte-for-byte what Foundation's en_GB and es_ES styles print (tests compare them over
/// many dates and zones); any other locale uses Foundation's styles, built once.
struct DateDisplay: Sendable {
    let timeZone: TimeZone
    let locale: Locale
    private let names: Names?
    /// `names`' months as UTF-8, for dates written in place.
    private let monthBytes: [[UInt8]]
    private let styles: Styles
    private let zone: ZoneAbbreviations

    /// Month and weekday names, and how a language joins the parts of a date.
    private struct Names: Sendable {
        let months: [String]
        let weekdays: [String]
        /// Between a date and its time: "2 Dec 2026 at 17:05", "2 dic 2026, 17:05".
        let dateTimeJoin: String
        /// After a weekday in a deadline: "Mon 7 Dec", "lun, 7 dic".
        let deadlineWeekdayJoin: String
        let groupingSeparator: String
        let decimalSeparator: String
        /// The fewest digits a number has before it is grouped: 4 in English ("1,234"), 5 in
        /// Spanish ("1234", "12.345").
        let groupingFrom: Int

        static let english = Names(
            months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
            weekdays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            dateTimeJoin: " at ", deadlineWeekdayJoin: " ", groupingSeparator: ",", decimalSeparator: ".", groupingFrom: 4)
        static let spanish = Names(
            months: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
            weekdays: ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
            dateTimeJoin: ", ", deadlineWeekdayJoin: ", ", groupingSeparator: ".", decimalSeparator: ",", groupingFrom: 5)
    }

    private struct Styles: Sendable {
        let dateTime: Date.FormatStyle
        let day: Date.FormatStyle
        let deadline: Date.FormatStyle
    }

    init(timeZone: TimeZone, localeIdentifier: String) {
        self.timeZone = timeZone
        zone = ZoneAbbreviations(timeZone)
        switch localeIdentifier {
        case "en", "en_GB":
            // en_GB reads "2 Dec 2026", day first, as the Spanish does.
            locale = Locale(identifier: "en_GB")
            names = .english
        case "es", "es_ES":
            locale = Locale(identifier: "es_ES")
            names = .spanish
        default:
            locale = Locale(identifier: localeIdentifier)
            names = nil
        }
        monthBytes = (names?.months ?? []).map { Array($0.utf8) }
        styles = Styles(
            dateTime: Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone),
            day: Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale, timeZone: timeZone),
            deadline: Date.FormatStyle(locale: locale, timeZone: timeZone).weekday(.abbreviated).day().month(.abbreviated).year()
                .hour(.twoDigits(amPM: .omitted)).minute(.twoDigits))
    }

    /// "2 Dec 2026 at 17:05", "2 dic 2026, 17:05"
    func dateTime(_ date: Date) -> String {
        guard let names else { return date.formatted(styles.dateTime) }
        let t = local(date)
        var text = String(t.day)
        text.reserveCapacity(24)
        text += " "; text += names.months[t.month - 1]; text += " "; text += String(t.year)
        text += names.dateTimeJoin; text += String(t.hour); text += ":"; text += Self.two(t.minute)
        return text
    }

    /// "2 Dec 2026", "2 dic 2026"
    func day(_ date: Date) -> String {
        guard let names else { return date.formatted(styles.day) }
        let t = local(date)
        guard (1...9999).contains(t.year) else { return String(t.day) + " " + names.months[t.month - 1] + " " + String(t.year) }
        // Written in place, as `iso` is: every row of a list shows one.
        let month = monthBytes[t.month - 1]
        return String(unsafeUninitializedCapacity: 2 + 1 + month.count + 1 + 4) { buffer in
            var at = 0
            func put(_ byte: UInt8) {
                buffer[at] = byte
                at += 1
            }
            func digits(_ value: Int) {
                var divisor = 1
                while divisor * 10 <= value { divisor *= 10 }
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            digits(t.day)
            put(UInt8(ascii: " "))
            for byte in month { put(byte) }
            put(UInt8(ascii: " "))
            digits(t.year)
            return at
        }
    }

    /// The civil time in the deployment's zone; UTC needs no lookup of the zone's rules.
    private func local(_ date: Date) -> LocalTime {
        LocalTime(date, in: isUTC ? nil : timeZone)
    }

    private var isUTC: Bool { zone.isUTC }

    /// "Mon 7 Dec 2026, 23:59", "lun, 7 dic 2026, 23:59": the last minute of a window that ends at
    /// `end` (windows end at midnight, so this is the end of their last day).
    func deadline(endingAt end: Date) -> String {
        let date = end.addingTimeInterval(-60)
        guard let names else { return date.formatted(styles.deadline) }
        let t = local(date)
        var text = names.weekdays[t.weekday]
        text.reserveCapacity(28)
        text += names.deadlineWeekdayJoin; text += String(t.day); text += " "; text += names.months[t.month - 1]
        text += " "; text += String(t.year); text += ", "; text += Self.two(t.hour); text += ":"; text += Self.two(t.minute)
        return text
    }

    /// "Mon 7 Dec 2026, 23:59 (CET)": a deadline with the zone it is counted in.
    func deadlineInZone(endingAt end: Date) -> String {
        deadline(endingAt: end) + " (" + zoneName(at: end.addingTimeInterval(-60)) + ")"
    }

    /// The zone's name as deadlines show it, at that moment: "CET" in winter and "CEST" in summer
    /// for Europe/Madrid, "UTC", or "UTC+05:30" for a zone without letters.
    func zoneName(at date: Date) -> String { zone.name(at: date) }

    /// "2026-12-02T17:05:00Z", in UTC, for machine-readable attributes and exports.
    func iso(_ date: Date) -> String {
        let t = LocalTime(date, in: nil)
        guard (0...9999).contains(t.year) else { return date.ISO8601Format() }
        // Twenty ASCII bytes written in place: this runs for every row of every list.
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(t.year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(t.month, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(t.day, digits: 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(t.hour, digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(t.minute, digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(t.second, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// "12,345" in English, "12.345" in Spanish (and "1234": Spanish groups from five digits).
    func number(_ value: Int) -> String {
        guard let names else { return value.formatted(.number.locale(locale)) }
        if value >= 0, value < 1000 { return String(value) }  // most numbers on a page: no grouping
        let digits = String(value.magnitude)
        guard digits.count >= names.groupingFrom else { return value < 0 ? "-" + digits : digits }
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += names.groupingSeparator }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A file's size: "820 KB", "1.4 MB" ("1,4 MB" in Spanish).
    func byteCount(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return number(Int((Double(bytes) / 1024).rounded())) + " KB" }
        let tenths = Int((Double(bytes) / 1024 / 1024 * 10).rounded())
        let separator = names?.decimalSeparator ?? (locale.decimalSeparator ?? ".")
        return number(tenths / 10) + separator + String(tenths % 10) + " MB"
    }

    private static func two(_ n: Int) -> String { twoDigits[n] }
    private static let twoDigits = (0..<100).map { $0 < 10 ? "0" + String($0) : String($0) }
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
