import Claims
import Foundation
import Storage

extension CPORCommand {
    /// `cpor tick [--now ISO8601] [--db PATH]`: one timer sweep, then a line saying what it did.
    static func tick(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [], valueNames: ["now", "db"], environment: environment)
        let now = try instant(options.value("now")) ?? Date()
        let rules = try workflowRules(environment: environment)
        let database = try Database(path: options.value("db", env: "CPOR_DB") ?? AppConfiguration().databasePath)
        defer { database.close() }
        let started = ContinuousClock.now
        let summary = try TimerSweep.run(store: SQLiteClaimStore(database: database), rules: rules, now: now)
        let elapsed = ContinuousClock.now - started
        let timers = SystemTimer.allCases.compactMap { timer in summary.timers[timer].map { "\(timer.rawValue) \($0)" } }
        Console.print("""
            tick at \(now.ISO8601Format()): \(summary.claims) claims changed \
            (\(timers.isEmpty ? "no timers" : timers.joined(separator: ", "))), \(summary.emails) e-mails queued, \
            \(summary.batches) batches, \(milliseconds(elapsed)) ms
            """)
        return 0
    }

    /// The workflow as this deployment runs it: the standard policy, business days in
    /// `CPOR_TIME_ZONE` (UTC when unset; no holidays yet), and consent tokens from the CSPRNG.
    static func workflowRules(environment: [String: String]) throws -> WorkflowRules {
        let zone = environment["CPOR_TIME_ZONE"].flatMap { $0.isEmpty ? nil : $0 } ?? "UTC"
        guard let calendar = BusinessCalendar(timeZoneIdentifier: zone, holidays: [LocalDate]()) else {
            throw CommandLineOptions.UsageError(description: "unknown time zone '\(zone)' in CPOR_TIME_ZONE")
        }
        let random = SecureRandom.system
        return WorkflowRules(policy: .standard, calendar: calendar, makeConsentToken: { ConsentToken(random.token()) })
    }

    /// An ISO 8601 instant given on the command line, e.g. `2026-03-02T09:00:00Z`.
    static func instant(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw CommandLineOptions.UsageError(description: "'\(text)' is not an ISO 8601 instant like 2026-03-02T09:00:00Z")
        }
        return date
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
