import App
import Foundation
import Storage
#if Postgres
import PostgresStorage
#endif

extension CPORCommand {
    /// `cpor migrate-store --from FILE --to postgres://… [--data DIR]`: copies a SQLite store (its
    /// rows and PoE files) into an empty PostgreSQL database, then compares both sides' row counts,
    /// table by table; every document is hashed on its way in. Exits 1 when a count differs.
    static func migrateStore(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [], valueNames: ["from", "to", "data"], environment: environment)
        guard let from = options.value("from"), let to = options.value("to") else {
            throw CommandLineOptions.UsageError("cli.migrate.needs_both")
        }
        var source = AppConfiguration()
        source.databasePath = from
        var target = AppConfiguration()
        target.databasePath = to
        target.dataFolder = options.value("data", env: "CPOR_DATA")
        guard source.postgresConnection == nil, target.postgresConnection != nil else {
            throw CommandLineOptions.UsageError("cli.migrate.directions")
        }
        guard FileManager.default.fileExists(atPath: from) else {
            throw CommandLineOptions.UsageError("cli.migrate.no_source", ["file": from])
        }
        #if Postgres
        let started = Date()
        let sqlite = try Database(path: from)
        defer { sqlite.close() }
        let postgres = try PostgresDatabase(conninfo: to)
        defer { postgres.close() }
        let copy = StoreCopy(source: sqlite, sourceDocuments: source.documentsDirectory, target: postgres,
                             targetDocuments: try PostgresDocumentStore(database: postgres, localFolder: target.documentsDirectory))
        let report = try copy.run { table, rows in
            terminal.say("cli.migrate.table", ["table": table, "rows": String(rows)])
        }
        for (table, counts) in report.rows.sorted(by: { $0.key < $1.key }) {
            terminal.say(counts.source == counts.target ? "cli.migrate.count_ok" : "cli.migrate.count_differs",
                         ["table": table, "source": String(counts.source), "target": String(counts.target)])
        }
        terminal.say("cli.migrate.summary", [
            "documents": String(report.documents), "bytes": String(report.documentBytes),
            "seconds": String(format: "%.1f", Date().timeIntervalSince(started)), "target": target.databaseDisplayName,
        ])
        return report.mismatches.isEmpty ? 0 : 1
        #else
        throw CommandLineOptions.UsageError("cli.error.postgres_not_built")
        #endif
    }
}
