import App
import Foundation

extension CPORCommand {
    /// `cpor check [--db PATH|postgres://…] [--data DIR] [--stuck-after MINUTES]`: verifies the store
    /// read-only (safe beside a running `serve`), prints what it checked, and exits 1 when anything is wrong.
    static func check(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [], valueNames: ["db", "data", "stuck-after"],
                                             environment: environment)
        let configuration = try configuration(options)
        if configuration.postgresConnection != nil {
            #if !Postgres
            throw CommandLineOptions.UsageError("cli.error.postgres_not_built", [:])
            #endif
        }
        var check = StoreCheck(configuration: configuration, open: OpenedStore.inspection)
        if let text = options.value("stuck-after") {
            guard let minutes = Int(text), minutes >= 1 else {
                throw CommandLineOptions.UsageError("cli.check.stuck_after", ["value": text])
            }
            check.stuckAfter = TimeInterval(minutes * 60)
        }
        let findings = check.run(now: Date())
        terminal.say("cli.check.heading", ["database": configuration.databaseDisplayName])
        terminal.print(report(findings, terminal))
        return findings.allSatisfy(\.problems.isEmpty) ? 0 : 1
    }

    /// The findings as the operator reads them: a line per check, then its problems and notes.
    static func report(_ findings: [StoreCheck.Finding], _ terminal: Terminal) -> String {
        let indent = String(repeating: " ", count: 7)
        var lines: [String] = []
        for finding in findings {
            let line = ["subject": terminal(finding.subject.messageKey), "summary": terminal(finding.summary)]
            lines.append(terminal(finding.problems.isEmpty ? "cli.check.ok" : "cli.check.fail", line))
            for problem in finding.problems.prefix(50) { lines.append(indent + terminal("cli.check.problem", ["problem": terminal(problem)])) }
            if finding.problems.count > 50 { lines.append(indent + terminal("cli.check.more", ["count": String(finding.problems.count - 50)])) }
            for note in finding.notes { lines.append(indent + terminal("cli.check.note", ["note": terminal(note)])) }
        }
        let problems = findings.reduce(0) { $0 + $1.problems.count }
        lines.append(problems == 0 ? terminal("cli.check.healthy") : terminal(CatalogMessage("cli.check.problems", count: problems)))
        return lines.joined(separator: "\n")
    }
}
