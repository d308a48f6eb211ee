import Foundation
import Testing
@testable import App

/// The page formats are written by hand for speed; they must print exactly what Foundation's
/// en_GB and es_ES styles print, in every zone, across DST changes, year ends and leap days.
@Suite struct DateDisplayTests {
    static let zones = ["UTC", "Europe/Madrid", "America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati"]

    static func moments() throws -> [Date] {
        var generator = SystemRandomNumberGenerator()
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1),
                     try Date("2028-02-29T23:59:59Z", strategy: .iso8601), try Date("2026-12-31T23:30:00Z", strategy: .iso8601),
                     try Date("2026-03-29T01:00:00Z", strategy: .iso8601), try Date("2026-10-25T00:59:59Z", strategy: .iso8601)]
        // Every seventh hour of two years, plus random moments from 1990 to 2060.
        for hour in stride(from: 0, to: 2 * 366 * 24, by: 7) { dates.append(Date(timeIntervalSince1970: 1_767_225_600 + Double(hour) * 3600 + 59)) }
        for _ in 0..<2000 { dates.append(Date(timeIntervalSince1970: Double.random(in: 631_152_000...2_840_140_800, using: &generator))) }
        return dates
    }

    @Test(arguments: zones, ["en", "es"])
    func formatsMatchFoundation(_ zone: String, _ language: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let display = DateDisplay(timeZone: timeZone, localeIdentifier: language)
        let locale = Locale(identifier: language == "en" ? "en_GB" : "es_ES")
        for date in try Self.moments() {
            #expect(display.dateTime(date) == date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone)))
            #expect(display.day(date) == date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale, timeZone: timeZone)))
            #expect(display.iso(date) == date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false)))
            // A deadline is its day as Foundation writes it (weekday, day, month, year), then the time.
            let last = date.addingTimeInterval(-60)
            let day = last.formatted(Date.FormatStyle(locale: locale, timeZone: timeZone).weekday(.abbreviated).day().month(.abbreviated).year())
            let time = last.formatted(Date.FormatStyle(locale: locale, timeZone: timeZone).hour(.twoDigits(amPM: .omitted)).minute(.twoDigits))
            let expected = (language == "en" ? day.replacingOccurrences(of: ",", with: "") : day) + ", " + time
            #expect(display.deadline(endingAt: date) == expected)
        }
    }

    @Test func deadlinesReadAsTheIssueOfEachLanguageShowsThem() throws {
        let madrid = try #require(TimeZone(identifier: "Europe/Madrid"))
        let end = try Date("2026-12-07T23:00:00Z", strategy: .iso8601)  // midnight after Monday 7 Dec in Madrid
        #expect(DateDisplay(timeZone: madrid, localeIdentifier: "en").deadlineInZone(endingAt: end) == "Mon 7 Dec 2026, 23:59 (CET)")
        #expect(DateDisplay(timeZone: madrid, localeIdentifier: "es").deadlineInZone(endingAt: end) == "lun, 7 dic 2026, 23:59 (CET)")
        let summer = try Date("2027-07-05T22:00:00Z", strategy: .iso8601)
        #expect(DateDisplay(timeZone: madrid, localeIdentifier: "es").deadlineInZone(endingAt: summer) == "lun, 5 jul 2027, 23:59 (CEST)")
    }

    @Test func zonesAreNamedByTheirLettersOrTheirOffset() throws {
        let winter = try Date("2026-12-07T12:00:00Z", strategy: .iso8601)
        let summer = try Date("2026-07-07T12:00:00Z", strategy: .iso8601)
        func name(_ zone: String, _ date: Date) throws -> String {
            DateDisplay(timeZone: try #require(TimeZone(identifier: zone)), localeIdentifier: "en").zoneName(at: date)
        }
        #expect(try name("Europe/Madrid", winter) == "CET")
        #expect(try name("Europe/Madrid", summer) == "CEST")
        #expect(try name("America/New_York", summer) == "EDT")
        #expect(try name("Europe/London", winter) == "GMT")
        #expect(try name("Europe/London", summer) == "BST")
        #expect(try name("UTC", summer) == "UTC")
        #expect(try name("GMT", summer) == "UTC")
        #expect(try name("Asia/Kolkata", winter) == "IST")
        #expect(try name("America/Sao_Paulo", winter) == "UTC-3")
        #expect(try name("Asia/Kathmandu", winter) == "UTC+05:45")
        #expect(ZoneAbbreviations.names(inRule: "<+0530>-5:30") == (nil, nil))
        #expect(ZoneAbbreviations.names(inRule: "CET-1CEST,M3.5.0,M10.5.0/3") == ("CET", "CEST"))
        #expect(ZoneAbbreviations.names(inRule: "EST5EDT,M3.2.0,M11.1.0") == ("EST", "EDT"))
    }

    @Test func numbersAndSizesFollowTheLanguage() {
        let en = DateDisplay(timeZone: .gmt, localeIdentifier: "en")
        let es = DateDisplay(timeZone: .gmt, localeIdentifier: "es")
        for value in [0, 7, 999, 1000, 1234, 9999, 10_000, 12_345, 999_999, 1_234_567, -12_345, Int.max] {
            #expect(en.number(value) == value.formatted(.number.locale(Locale(identifier: "en_GB"))), "\(value)")
            #expect(es.number(value) == value.formatted(.number.locale(Locale(identifier: "es_ES"))), "\(value)")
        }
        #expect(en.byteCount(512) == "512 B")
        #expect(en.byteCount(840_000) == "820 KB")
        #expect(en.byteCount(1_468_006) == "1.4 MB")
        #expect(es.byteCount(1_468_006) == "1,4 MB")
        #expect(es.byteCount(20 * 1024 * 1024) == "20,0 MB")
    }
}
