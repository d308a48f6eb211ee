import App
import Foundation

extension CPORCommand {
    /// `cpor check [--db PATH] [--stuck-after MINUTES]`: verifies the store read-only (safe beside a
    /// running `serve`), prints what it checked, and exits 1 when anything is wrong.
    static func check(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [], valueNames: ["db", "stuck-after"],
                                             environment: environment)
        let configuration = try configuration(options)
        var check = StoreCheck(configuration: configuration)
        if let text = options.value("stuck-after") {
            guard let minutes = Int(text), minutes >= 1 else {
                throw CommandLineOptions.UsageError("cli.check.stuck_after", ["value": text])
            }
            check.stuckAfter = TimeInterval(minutes * 60)
        }
        let report = StoreCheck.report(check.run(now: Date()))
        terminal.say("cli.check.heading", ["database": configuration.databasePath])
        terminal.print(report.text)
        return report.healthy ? 0 : 1
    }
}
