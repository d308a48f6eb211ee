import Foundation
import Testing
@testable import Claims

struct BusinessCalendarTests {
    static let losAngeles = BusinessCalendar(timeZoneIdentifier: "America/Los_Angeles")!

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let zone: String
        let event: String
        let businessDays: Int
        let expectedUTC: String
        var testDescription: String { label }
    }

    // Hand-checked. Madrid is UTC+1 in winter and UTC+2 from 2026-03-29 to 2026-10-25;
    // Los Angeles is UTC−8 in winter and UTC−7 from 2026-03-08 to 2026-11-01.
    // Madrid holidays in the fixture: 2026-04-03 (Good Friday), 2026-12-25, 2027-01-01, 2027-01-06.
    static let businessDayCases: [Case] = [
        Case(label: "Monday + 5 ends with the next Monday", zone: "Europe/Madrid", event: "2026-03-02 10:00", businessDays: 5, expectedUTC: "2026-03-09T23:00:00Z"),
        Case(label: "Friday + 1 skips the weekend", zone: "Europe/Madrid", event: "2026-03-06 15:00", businessDays: 1, expectedUTC: "2026-03-09T23:00:00Z"),
        Case(label: "an event on Saturday counts from Monday", zone: "Europe/Madrid", event: "2026-03-07 10:00", businessDays: 1, expectedUTC: "2026-03-09T23:00:00Z"),
        Case(label: "an event on Sunday late evening", zone: "Europe/Madrid", event: "2026-03-08 23:59", businessDays: 1, expectedUTC: "2026-03-09T23:00:00Z"),
        Case(label: "an event just after midnight still does not count its own day", zone: "Europe/Madrid", event: "2026-03-09 00:00", businessDays: 1, expectedUTC: "2026-03-10T23:00:00Z"),
        Case(label: "a holiday is skipped", zone: "Europe/Madrid", event: "2026-04-02 10:00", businessDays: 1, expectedUTC: "2026-04-06T22:00:00Z"),
        Case(label: "an event on a holiday counts from the next business day", zone: "Europe/Madrid", event: "2026-04-03 10:00", businessDays: 1, expectedUTC: "2026-04-06T22:00:00Z"),
        Case(label: "across the spring DST change", zone: "Europe/Madrid", event: "2026-03-27 10:00", businessDays: 1, expectedUTC: "2026-03-30T22:00:00Z"),
        Case(label: "across the autumn DST change", zone: "Europe/Madrid", event: "2026-10-23 10:00", businessDays: 1, expectedUTC: "2026-10-26T23:00:00Z"),
        Case(label: "across the year end and its holidays", zone: "Europe/Madrid", event: "2026-12-30 10:00", businessDays: 3, expectedUTC: "2027-01-05T23:00:00Z"),
        Case(label: "Christmas week skips both Christmas and New Year", zone: "Europe/Madrid", event: "2026-12-24 18:00", businessDays: 5, expectedUTC: "2027-01-04T23:00:00Z"),
        Case(label: "through 29 February 2028", zone: "Europe/Madrid", event: "2028-02-25 12:00", businessDays: 2, expectedUTC: "2028-02-29T23:00:00Z"),
        Case(label: "Los Angeles, spring forward", zone: "America/Los_Angeles", event: "2026-03-06 10:00", businessDays: 1, expectedUTC: "2026-03-10T07:00:00Z"),
        Case(label: "Los Angeles, fall back", zone: "America/Los_Angeles", event: "2026-10-30 10:00", businessDays: 1, expectedUTC: "2026-11-03T08:00:00Z"),
        Case(label: "Los Angeles, 14 business days (2023 edition) over month end", zone: "America/Los_Angeles", event: "2026-01-20 16:30", businessDays: 14, expectedUTC: "2026-02-10T08:00:00Z"),
    ]

    static func calendar(_ zone: String) -> BusinessCalendar {
        zone == "Europe/Madrid" ? Fixtures.madrid : BusinessCalendar(timeZoneIdentifier: zone)!
    }

    @Test(arguments: businessDayCases)
    func businessDayDeadlines(_ example: Case) {
        let event = Fixtures.local(example.event, zone: example.zone)
        let deadline = Self.calendar(example.zone).end(ofBusinessDays: example.businessDays, after: event)
        #expect(deadline == Fixtures.utc(example.expectedUTC))
    }

    @Test(arguments: [
        // (zone, event, days, expected UTC)
        ("Europe/Madrid", "2026-03-04 11:00", 7, "2026-03-11T23:00:00Z"),
        ("Europe/Madrid", "2026-03-24 09:00", 7, "2026-03-31T22:00:00Z"),   // spans the spring change
        ("Europe/Madrid", "2026-03-04 11:00", 30, "2026-04-03T22:00:00Z"),  // a holiday still counts
        ("Europe/Madrid", "2026-12-28 08:00", 7, "2027-01-04T23:00:00Z"),   // year end
        ("Europe/Madrid", "2028-02-28 10:00", 1, "2028-02-29T23:00:00Z"),   // leap day
        ("Europe/Madrid", "2027-02-28 10:00", 1, "2027-03-01T23:00:00Z"),   // no leap day
        ("America/Los_Angeles", "2026-10-28 17:00", 7, "2026-11-05T08:00:00Z"),
    ])
    func calendarDayWindows(zone: String, event: String, days: Int, expectedUTC: String) {
        let closes = Self.calendar(zone).end(ofCalendarDays: days, after: Fixtures.local(event, zone: zone))
        #expect(closes == Fixtures.utc(expectedUTC))
    }

    @Test func daysAndWeekdays() {
        let calendar = Fixtures.madrid
        #expect(calendar.isBusinessDay(LocalDate("2026-03-06")!))      // Friday
        #expect(!calendar.isBusinessDay(LocalDate("2026-03-07")!))     // Saturday
        #expect(!calendar.isBusinessDay(LocalDate("2026-03-08")!))     // Sunday
        #expect(!calendar.isBusinessDay(LocalDate("2026-04-03")!))     // holiday
        #expect(calendar.isBusinessDay(LocalDate("2028-02-29")!))      // Tuesday
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2028-02-28")!.adding(days: 1) == LocalDate("2028-02-29"))
        #expect(LocalDate("2026-12-31")!.adding(days: 1) == LocalDate("2027-01-01"))
        #expect(LocalDate(dayNumber: 0) == LocalDate("1970-01-01"))
        // Midnight local on the night of the clocks going forward is still the start of the day.
        #expect(calendar.day(containing: Fixtures.utc("2026-03-28T23:30:00Z")) == LocalDate("2026-03-29"))
        #expect(calendar.start(of: LocalDate("2026-03-29")!) == Fixtures.utc("2026-03-28T23:00:00Z"))
        #expect(calendar.start(of: LocalDate("2026-03-30")!) == Fixtures.utc("2026-03-29T22:00:00Z"))
    }

    @Test func businessTimeSkipsWeekendsAndHolidays() {
        let calendar = Fixtures.madrid
        let friday = Fixtures.local("2026-03-06 12:00"), monday = Fixtures.local("2026-03-09 12:00")
        #expect(calendar.businessTime(from: friday, to: monday) == 24 * 3600)
        #expect(calendar.adding(businessTime: 24 * 3600, to: friday) == monday)
        // Exactly used up at the end of a business day: that day's end, not the next business morning.
        #expect(calendar.adding(businessTime: 12 * 3600, to: friday) == Fixtures.local("2026-03-07 00:00"))
        let thursdayBeforeEaster = Fixtures.local("2026-04-02 12:00")
        #expect(calendar.adding(businessTime: 13 * 3600, to: thursdayBeforeEaster) == Fixtures.local("2026-04-06 01:00"))
    }

    @Test func remindersStartOnTheLastBusinessDays() {
        let calendar = Fixtures.madrid
        // Deadline at the end of Monday 9 March: the reminder goes out as Monday starts.
        #expect(calendar.start(ofBusinessDay: 1, before: Fixtures.local("2026-03-10 00:00")) == Fixtures.local("2026-03-09 00:00"))
        // Deadline at the end of a Saturday: Friday is the last business day.
        #expect(calendar.start(ofBusinessDay: 1, before: Fixtures.local("2026-03-08 00:00")) == Fixtures.local("2026-03-06 00:00"))
        // Deadline at the end of Good Friday (a holiday): Thursday.
        #expect(calendar.start(ofBusinessDay: 1, before: Fixtures.local("2026-04-04 00:00")) == Fixtures.local("2026-04-02 00:00"))
        #expect(calendar.start(ofBusinessDay: 2, before: Fixtures.local("2026-03-10 00:00")) == Fixtures.local("2026-03-06 00:00"))
        #expect(calendar.start(ofBusinessDay: 0, before: Fixtures.local("2026-03-10 00:00")) == nil)
    }

    @Test func decodesFromConfiguration() throws {
        let json = #"{"timeZone": "America/Los_Angeles", "holidays": ["2026-07-03", "2026-11-26"]}"#
        let calendar = try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
        #expect(calendar.timeZone.identifier == "America/Los_Angeles")
        #expect(!calendar.isBusinessDay(LocalDate("2026-07-03")!))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(BusinessCalendar.self, from: Data(#"{"timeZone": "Mars/Olympus"}"#.utf8))
        }
        #expect(BusinessCalendar(timeZoneIdentifier: "Mars/Olympus") == nil)
    }
}
