import App
import Claims
import Foundation
import Storage

extension CPORCommand {
    /// `cpor directory import FILE | show | clear [--db PATH] [--templates DIR]`: the tenant
    /// directory claims are checked against. An import replaces it whole, or, when the file has any
    /// problem, changes nothing and lists the problems with their lines (exit status 65). Messages
    /// come from the catalog (`directory.cli.*`, `directory.file.*`), in the terminal's language.
    static func directory(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let action = arguments.first ?? ""
        var rest = Array(arguments.dropFirst())
        var file: String?
        if action == "import" {
            guard let path = rest.first, !path.hasPrefix("--") else {
                throw CommandLineOptions.UsageError("cli.directory.needs_file")
            }
            file = path
            rest.removeFirst()
        } else if action != "show" && action != "clear" {
            throw CommandLineOptions.UsageError("cli.directory.needs_action")
        }
        let options = try CommandLineOptions(rest, flagNames: [], valueNames: ["db"], environment: environment)
        let configuration = try configuration(options)
        let l = terminal.messages
        func withStore<T>(_ body: (any TenantDirectoryStore) throws -> T) throws -> T {
            let store = try OpenedStore.open(configuration)
            defer { store.close() }
            return try body(store.stores.tenantDirectory)
        }

        switch (action, file) {
        case ("import", let file?):
            // The file is read and checked before the database is even opened: a refused file touches nothing.
            guard let data = FileManager.default.contents(atPath: file) else {
                terminal.printError(l("directory.cli.cannot_read", ["file": file]))
                return 66
            }
            let started = ContinuousClock.now
            let entries: [TenantDirectoryEntry]
            do {
                entries = try DirectoryFile.entries(from: [UInt8](data))
            } catch {
                terminal.printError(DirectoryReport.refusal(error, file: file, localizer: l).joined(separator: "\n"))
                return 65
            }
            let read = ContinuousClock.now
            let figures = try withStore { try $0.replace(with: entries, source: URL(fileURLWithPath: file).lastPathComponent, at: Date()) }
            let stored = ContinuousClock.now
            terminal.print(DirectoryReport.imported(figures, file: file, reading: read - started, storing: stored - read, localizer: l)
                .joined(separator: "\n"))
        case ("clear", _):
            try withStore { try $0.clear(at: Date()) }
            terminal.print(l("directory.cli.cleared"))
        default:
            terminal.print(DirectoryReport.figures(try withStore { try $0.figures() }, localizer: l).joined(separator: "\n"))
        }
        return 0
    }
}
