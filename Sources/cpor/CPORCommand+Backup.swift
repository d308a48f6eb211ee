import App
import Foundation

extension CPORCommand {
    /// `cpor backup PATH [--db PATH]`: a consistent copy of the store into the new folder PATH,
    /// taken while `serve` keeps serving.
    static func backup(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let (folder, configuration) = try folderAndConfiguration(arguments, command: "backup", environment: environment)
        let started = Date()
        let summary = try StoreBackup(configuration: configuration).backup(to: folder)
        Console.print("""
            backed up \(configuration.databasePath) to \(folder) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \
            \(summary.rowCounts["claims"] ?? 0) claims, \(summary.documents) documents (\(summary.documentBytes) bytes), \
            \(summary.emails) e-mail copies; check it any time with: cd \(folder) && sha256sum -c MANIFEST.sha256
            """)
        return 0
    }

    /// `cpor restore PATH [--db PATH]`: checks the backup in PATH against its manifest and copies
    /// it into a data folder that has no database yet. The service must be stopped.
    static func restore(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let (folder, configuration) = try folderAndConfiguration(arguments, command: "restore", environment: environment)
        let summary = try StoreBackup(configuration: configuration).restore(from: folder)
        Console.print("""
            restored \(folder) to \(configuration.databasePath): \(summary.rowCounts["claims"] ?? 0) claims, \
            \(summary.documents) documents, \(summary.emails) e-mail copies; row counts match the backup's. \
            Run `cpor check` next, then start the service.
            """)
        return 0
    }

    private static func folderAndConfiguration(_ arguments: [String], command: String,
                                               environment: [String: String]) throws -> (String, AppConfiguration) {
        guard let folder = arguments.first, !folder.hasPrefix("--") else {
            throw CommandLineOptions.UsageError(description: "\(command) needs the backup folder: cpor \(command) PATH [--db PATH]")
        }
        let options = try CommandLineOptions(Array(arguments.dropFirst()), flagNames: [], valueNames: ["db"], environment: environment)
        return (folder, try configuration(options))
    }
}
