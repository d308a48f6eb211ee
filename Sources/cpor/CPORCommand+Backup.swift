import App
import Foundation

extension CPORCommand {
    /// `cpor backup PATH [--db PATH]`: a consistent copy of the store into the new folder PATH,
    /// taken while `serve` keeps serving.
    static func backup(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let (folder, configuration) = try folderAndConfiguration(arguments, command: "backup", environment: environment)
        let started = Date()
        let summary = try StoreBackup(configuration: configuration).backup(to: folder)
        terminal.say("cli.backup.summary", [
            "database": configuration.databasePath, "folder": folder,
            "seconds": String(format: "%.1f", Date().timeIntervalSince(started)),
            "claims": String(summary.rowCounts["claims"] ?? 0), "documents": String(summary.documents),
            "bytes": String(summary.documentBytes), "emails": String(summary.emails),
        ])
        return 0
    }

    /// `cpor restore PATH [--db PATH]`: checks the backup in PATH against its manifest and copies
    /// it into a data folder that has no database yet. The service must be stopped.
    static func restore(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let (folder, configuration) = try folderAndConfiguration(arguments, command: "restore", environment: environment)
        let summary = try StoreBackup(configuration: configuration).restore(from: folder)
        terminal.say("cli.restore.summary", [
            "folder": folder, "database": configuration.databasePath,
            "claims": String(summary.rowCounts["claims"] ?? 0), "documents": String(summary.documents),
            "emails": String(summary.emails),
        ])
        return 0
    }

    private static func folderAndConfiguration(_ arguments: [String], command: String,
                                               environment: [String: String]) throws -> (String, AppConfiguration) {
        guard let folder = arguments.first, !folder.hasPrefix("--") else {
            throw CommandLineOptions.UsageError("cli.backup.needs_folder", ["command": command])
        }
        let options = try CommandLineOptions(Array(arguments.dropFirst()), flagNames: [], valueNames: ["db"], environment: environment)
        let configuration = try configuration(options)
        guard configuration.postgresConnection == nil else {
            throw CommandLineOptions.UsageError("cli.error.sqlite_only", ["command": command])
        }
        return (folder, configuration)
    }
}
