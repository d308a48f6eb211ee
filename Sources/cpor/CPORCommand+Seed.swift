import App
import Claims
import Foundation
import Secrets
import Seeding
import Storage

extension CPORCommand {
    /// `cpor seed --db PATH|postgres://… [--data FOLDER] --claims N [--organizations K] [--due D] [--now ISO8601]`:
    /// fills a SQLite or PostgreSQL store for benchmarks and load tests (see `SampleSeed` for what it writes).
    static func seed(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [],
                                             valueNames: Set(["db", "data", "claims", "organizations", "due", "now"] + workflowOptionNames),
                                             environment: environment)
        let count = try number(options, "claims", default: nil)
        let organizationCount = try number(options, "organizations", default: 2)
        let due = try number(options, "due", default: 0)
        guard organizationCount >= 1, due <= count else {
            throw CommandLineOptions.UsageError("cli.seed.counts")
        }
        let now = try instant(options.value("now")) ?? Date()
        let configuration = try configuration(options)
        let rules = try configuration.workflowRules(random: SecureRandom.system)
        let store = try OpenedStore.open(configuration)
        defer { store.close() }
        let started = ContinuousClock.now
        let summary: BulkLoader.Summary
        do {
            summary = try SampleSeed(claims: count, organizations: organizationCount, due: due, now: now, rules: rules)
                .run(accounts: store.stores.accounts, loader: store.bulkLoader)
        } catch is SampleSeed.NoDueSamples {
            throw CommandLineOptions.UsageError("cli.seed.no_samples", ["now": now.ISO8601Format()])
        }
        // Every sample claim's PoE is the demo's document: it is stored, so a seeded store's rows
        // all have their bytes (cpor check, backups and migrate-store find them).
        let spooled = store.documents.incomingDirectory + "/seed-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: spooled, contents: Data(DemoDocument.bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: spooled])
        }
        try store.documents.store(temporaryPath: spooled, sha256: DemoDocument.sha256)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        terminal.say("cli.seed.summary", [
            "claims": String(summary.claims),
            "numbers": summary.numbers.map { "C-\($0.lowerBound)…C-\($0.upperBound)" } ?? terminal("cli.seed.no_claims"),
            "organizations": String(organizationCount), "due": String(due), "now": now.ISO8601Format(),
            "products": String(summary.products), "documents": String(summary.documents), "comments": String(summary.comments),
            "history": String(summary.historyEntries), "seconds": String(format: "%.1f", seconds),
            "rate": String(Int(Double(summary.claims) / max(seconds, 0.001))),
        ])
        return 0
    }

    private static func number(_ options: CommandLineOptions, _ name: String, default fallback: Int?) throws -> Int {
        guard let text = options.value(name) else {
            guard let fallback else { throw CommandLineOptions.UsageError("cli.seed.needs", ["option": name]) }
            return fallback
        }
        guard let value = Int(text), value >= 0 else {
            throw CommandLineOptions.UsageError("cli.error.whole_number", ["option": name, "value": text])
        }
        return value
    }
}
