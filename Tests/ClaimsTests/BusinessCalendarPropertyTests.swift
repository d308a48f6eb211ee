import Foundation
import Testing
@testable import Claims
import TestSupport

/// Properties that must hold for any instant and any N, checked on seeded random samples in
/// zones with and without DST, north and south, and with a half-hour offset.
struct BusinessCalendarPropertyTests {
    static let zones = ["Europe/Madrid", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", "UTC"]

    @Test func countingBusinessDaysByWeeksMatchesCountingDayByDay() {
        let holidays = ["2026-01-01", "2026-01-06", "2026-04-03", "2026-12-25", "2027-01-01", "2026-03-07"].compactMap(LocalDate.init)
        let calendar = BusinessCalendar(timeZoneIdentifier: "Europe/Madrid", holidays: holidays)!
        var random = SeededGenerator(seed: 2026)
        let base = LocalDate("2025-12-01")!.dayNumber
        for _ in 0..<500 {
            let first = LocalDate(dayNumber: base + Int.random(in: 0..<500, using: &random))
            let last = LocalDate(dayNumber: first.dayNumber + Int.random(in: -3..<400, using: &random))
            let slow = last < first ? 0
                : (first.dayNumber...last.dayNumber).filter { calendar.isBusinessDay(LocalDate(dayNumber: $0)) }.count
            #expect(calendar.businessDays(from: first, through: last) == slow, "\(first)…\(last)")
        }
        // Hand-checked: Mon 2 Mar 2026 through Fri 13 Mar 2026 is two working weeks (Sat 7 Mar is
        // a listed holiday but a weekend anyway); Good Friday 3 Apr 2026 is skipped.
        #expect(calendar.businessDays(from: LocalDate("2026-03-02")!, through: LocalDate("2026-03-13")!) == 10)
        #expect(calendar.businessDays(from: LocalDate("2026-03-30")!, through: LocalDate("2026-04-05")!) == 4)
    }

    @Test(arguments: zones)
    func businessDayDeadlines(zone: String) {
        let holidays = ["2025-12-25", "2026-01-01", "2026-04-03", "2027-12-24", "2028-02-29"].compactMap(LocalDate.init)
        let calendar = BusinessCalendar(timeZoneIdentifier: zone, holidays: holidays)!
        var random = SeededGenerator(seed: UInt64(zone.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        let from = Fixtures.utc("2024-01-01T00:00:00Z").timeIntervalSince1970
        let to = Fixtures.utc("2030-12-31T00:00:00Z").timeIntervalSince1970

        for _ in 0..<300 {
            let event = Date(timeIntervalSince1970: Double.random(in: from..<to, using: &random).rounded())
            let n = Int.random(in: 1...30, using: &random)
            let deadline = calendar.end(ofBusinessDays: n, after: event)
            let lastDay = calendar.day(containing: deadline).adding(days: -1)

            // It is a day boundary, and the day it ends is a business day.
            #expect(calendar.start(of: calendar.day(containing: deadline)) == deadline, "\(zone) \(event) +\(n)")
            #expect(calendar.isBusinessDay(lastDay))
            // Exactly n business days lie after the event's day, up to and including the last one.
            let eventDay = calendar.day(containing: event)
            let counted = (eventDay.dayNumber + 1...lastDay.dayNumber).filter { calendar.isBusinessDay(LocalDate(dayNumber: $0)) }.count
            #expect(counted == n)
            // Monotonic, and each further business day adds at least one (possibly 23-hour) day.
            let previous = calendar.end(ofBusinessDays: n - 1, after: event)
            #expect(previous < deadline)
            if n > 1 { #expect(deadline.timeIntervalSince(previous) >= 23 * 3600) }
            #expect(deadline > event)
            // Adding business time undoes measuring it.
            let business = calendar.businessTime(from: event, to: deadline)
            #expect(business >= Double(n - 1) * 23 * 3600)
            let landed = calendar.adding(businessTime: business, to: event)
            #expect(calendar.businessTime(from: event, to: landed) == business)
        }
    }

    @Test(arguments: zones)
    func calendarDayWindows(zone: String) {
        let calendar = BusinessCalendar(timeZoneIdentifier: zone)!
        var random = SeededGenerator(seed: 2028)
        for _ in 0..<300 {
            let event = Date(timeIntervalSince1970: Double.random(in: 1.7e9..<1.9e9, using: &random).rounded())
            let n = Int.random(in: 1...40, using: &random)
            let closes = calendar.end(ofCalendarDays: n, after: event)
            #expect(calendar.day(containing: closes) == calendar.day(containing: event).adding(days: n + 1))
            #expect(calendar.start(of: calendar.day(containing: closes)) == closes)
            let span = closes.timeIntervalSince(event)
            #expect(span > Double(n) * 86400 - 3600 && span <= Double(n + 1) * 86400 + 3600)
        }
    }

    @Test func localDatesRoundTripThroughDayNumbers() {
        var random = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let number = Int.random(in: -800_000...800_000, using: &random)
            let date = LocalDate(dayNumber: number)
            #expect(date.dayNumber == number)
            #expect(LocalDate(date.description) == date || date.year < 0 || date.year > 9999)
            #expect(date.adding(days: 1).dayNumber == number + 1)
        }
    }
}
