import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Dates as mail needs them, always in UTC: RFC 5322 for the Date header and a sortable
/// stamp for file names. gmtime_r rather than a DateFormatter keeps the output independent
/// of the process locale.
enum MailDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Thu, 01 Jan 2026 00:00:00 +0000"
    static func header(_ date: Date) -> String {
        let parts = utc(date)
        return "\(days[Int(parts.tm_wday)]), \(pad(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)) +0000"
    }

    static let fileStampLength = 15

    /// "20260101-000000"
    static func fileStamp(_ date: Date) -> String {
        let parts = utc(date)
        return "\(parts.tm_year + 1900)\(pad(parts.tm_mon + 1))\(pad(parts.tm_mday))-"
            + "\(pad(parts.tm_hour))\(pad(parts.tm_min))\(pad(parts.tm_sec))"
    }

    private static func utc(_ date: Date) -> tm {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return parts
    }

    private static func pad(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
