import App
import Claims
import Documents
import Foundation
import Secrets
import Seeding
import Storage

extension CPORCommand {
    /// `cpor seed --db PATH --claims N [--organizations K] [--due D] [--now ISO8601]`: fills a database
    /// for benchmarks and load tests. An empty database first gets the demo accounts; claims go to
    /// Contoso, then Fabrikam, then "Partner 3" … (created with a user each when missing), in every
    /// state, with exactly `D` approved claims whose consent window has closed by `now` (what the next
    /// timer sweep has to do) and no other timer due.
    static func seed(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [],
                                             valueNames: Set(["db", "claims", "organizations", "due", "now"] + workflowOptionNames),
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
        let database = try OpenedStore.sqliteOnly(configuration, command: "seed")
        defer { database.close() }
        let started = ContinuousClock.now

        let accounts = SQLiteAccountStore(database: database)
        let passwords = PasswordHasher()
        _ = try DemoData.seedIfEmpty(accounts: accounts, passwords: passwords, now: now)
        let members = SampleMembers(accounts: accounts, passwords: passwords, now: now)
        let reviewer = try members.reviewer()
        let filers = try (0..<organizationCount).map { try members.filer(organization: $0) }

        // Fewer variants per organization when there are many, so building them stays quick.
        let variants = max(3, 24 / organizationCount)
        var prototypes: [BulkLoader.Prototype] = []
        var dueIndices: [Int] = []
        var wheel: [Int] = []
        for filer in filers {
            for kind in SampleClaims.Kind.allCases {
                for prototype in try SampleClaims.prototypes(kind, variants: variants, filer: filer, reviewer: reviewer,
                                                             now: now, rules: rules) {
                    if kind == .consentWindowClosed { dueIndices.append(prototypes.count) }
                    wheel += Array(repeating: prototypes.count, count: kind.weight)
                    prototypes.append(prototype)
                }
            }
        }
        guard due == 0 || !dueIndices.isEmpty, !wheel.isEmpty else {
            throw CommandLineOptions.UsageError("cli.seed.no_samples", ["now": now.ISO8601Format()])
        }

        let random = SecureRandom.system
        let total = Int64(count), dueTotal = Int64(due)
        let summary = try BulkLoader(database: database).load(
            count: count, prototypes: prototypes, consentToken: { ConsentToken(random.token()) },
            identity: SampleNames.identity
        ) { index in
            // Exactly `due` copies are due, spread evenly over the numbers.
            let i = Int64(index)
            let dueBefore = i * dueTotal / total
            if (i + 1) * dueTotal / total > dueBefore { return dueIndices[Int(dueBefore) % dueIndices.count] }
            // Picked from the index rather than drawn at random, so the same arguments always seed
            // the same store and the tests and benchmarks built on it are reproducible (SplitMix64).
            var x = UInt64(index) &+ 0x9E37_79B9_7F4A_7C15
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            x ^= x >> 31
            return wheel[Int(x % UInt64(wheel.count))]
        }
        // Every sample claim's PoE is the demo's document: its file is stored, so a seeded store's
        // rows all have their bytes (cpor check, backups and migrate-store find them).
        let documents = try DocumentFiles(root: configuration.documentsDirectory)
        let spooled = documents.incomingDirectory + "/seed-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: spooled, contents: Data(DemoDocument.bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: spooled])
        }
        try documents.store(temporaryPath: spooled, sha256: DemoDocument.sha256)
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
