import Foundation
import Testing
@testable import App

/// The page formats are written by hand for speed; they must print exactly what Foundation's
/// en_GB styles print, in every zone, across DST changes, year ends and leap days.
@Suite struct DateDisplayTests {
    static let zones = ["UTC", "Europe/Madrid", "America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati"]

    @Test(arguments: zones)
    func englishFormatsMatchFoundation(_ zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let display = DateDisplay(timeZone: timeZone, localeIdentifier: "en")
        let locale = Locale(identifier: "en_GB")
        var generator = SystemRandomNumberGenerator()
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1),
                     try Date("2028-02-29T23:59:59Z", strategy: .iso8601), try Date("2026-12-31T23:30:00Z", strategy: .iso8601),
                     try Date("2026-03-29T01:00:00Z", strategy: .iso8601), try Date("2026-10-25T00:59:59Z", strategy: .iso8601)]
        // Every hour of two years, plus random moments from 1990 to 2060.
        for hour in stride(from: 0, to: 2 * 366 * 24, by: 7) { dates.append(Date(timeIntervalSince1970: 1_767_225_600 + Double(hour) * 3600 + 59)) }
        for _ in 0..<2000 { dates.append(Date(timeIntervalSince1970: Double.random(in: 631_152_000...2_840_140_800, using: &generator))) }
        for date in dates {
            #expect(display.dateTime(date) == date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone)))
            #expect(display.day(date) == date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale, timeZone: timeZone)))
            #expect(display.lastDay(endingAt: date) == date.addingTimeInterval(-1).formatted(
                Date.FormatStyle(locale: locale, timeZone: timeZone).weekday(.abbreviated).day().month(.abbreviated).year()))
            #expect(display.iso(date) == date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false)))
        }
    }
}
