import App
import Claims
import Foundation
import Secrets
import Storage

extension CPORCommand {
    /// `cpor tick [--now ISO8601] [--db PATH] [--policy …] [--time-zone …] [--holidays …]`: one timer
    /// sweep under the same workflow settings `serve` takes, then one pass of e-mail delivery (as
    /// `serve`'s worker would, with `--smtp` or into the mail folder; `--no-mail` skips it), then
    /// a line saying what it did.
    static func tick(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: ["no-mail"],
                                             valueNames: Set(["now", "db", "data"] + workflowOptionNames + mailOptionNames),
                                             environment: environment)
        let now = try instant(options.value("now")) ?? Date()
        let configuration = try configuration(options)
        let rules = try configuration.workflowRules(random: SecureRandom.system)
        let store = try OpenedStore.open(configuration)
        defer { store.close() }
        let started = ContinuousClock.now
        let summary = try TimerSweep.run(store: store.stores.claims, rules: rules, now: now)
        let elapsed = ContinuousClock.now - started
        let delivered = options.flag("no-mail") ? nil : try deliverDue(configuration, store: store, now: now)
        var timers = SystemTimer.allCases.compactMap { timer in summary.timers[timer].map { "\(timer.rawValue) \($0)" } }
        if summary.subscriptionNotices > 0 { timers.append("subscription_notices \(summary.subscriptionNotices)") }
        terminal.say("cli.tick.summary", [
            "now": now.ISO8601Format(), "claims": String(summary.claims),
            "timers": timers.isEmpty ? terminal("cli.tick.no_timers") : timers.joined(separator: ", "),
            "emails": String(summary.emails), "batches": String(summary.batches), "milliseconds": milliseconds(elapsed),
        ])
        if let delivered {
            let counts = ["sent": String(delivered.sent), "retrying": String(delivered.retrying), "failed": String(delivered.failed),
                          "folder": configuration.mailDirectory]
            terminal.say(configuration.mail.smtp == nil ? "cli.tick.mail.files" : "cli.tick.mail.smtp", counts)
        }
        return 0
    }

    /// An ISO 8601 instant given on the command line, e.g. `2026-03-02T09:00:00Z`.
    static func instant(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw CommandLineOptions.UsageError("cli.error.instant", ["value": text])
        }
        return date
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
