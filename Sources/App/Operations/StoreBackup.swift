import Documents
import Foundation
import Storage

/// `cpor backup` and `cpor restore`: a whole store copied into one folder while the service runs,
/// and brought back into an empty data folder.
///
/// A backup folder holds `cpor.sqlite` (one consistent snapshot, taken with SQLite's online
/// backup API), the PoE files that snapshot's rows name under `documents/`, the delivered `.eml`
/// copies under `mail/`, `ROW-COUNTS` (rows per table in the snapshot) and `MANIFEST.sha256`,
/// written last: a folder without it is an unfinished backup.
public struct StoreBackup: Sendable {
    public struct Summary: Sendable, Equatable {
        public var documents = 0
        public var documentBytes: Int64 = 0
        public var emails = 0
        public var rowCounts: [String: Int] = [:]
    }

    static let databaseName = "cpor.sqlite"
    static let rowCountsName = "ROW-COUNTS"

    public let configuration: AppConfiguration

    public init(configuration: AppConfiguration) {
        self.configuration = configuration
    }

    /// Copies the store into `folder`, which must not exist yet or be empty.
    public func backup(to folder: String) throws -> Summary {
        let files = FileManager.default
        if files.fileExists(atPath: folder), !((try? files.contentsOfDirectory(atPath: folder)) ?? []).isEmpty {
            throw FileCopy.Failure(description: "\(folder) is not empty: back up into a new folder")
        }
        try files.createDirectory(atPath: folder + "/documents", withIntermediateDirectories: true)
        var manifest = BackupManifest()
        var summary = Summary()

        let live = try DatabaseFile(path: configuration.databasePath)
        defer { live.close() }
        let snapshotPath = folder + "/" + Self.databaseName
        try live.backup(to: snapshotPath)
        let snapshot = try DatabaseFile(path: snapshotPath)
        let documents = try snapshot.documents()
        summary.rowCounts = try snapshot.rowCounts()
        snapshot.close()
        // The snapshot is closed, and in rollback mode, so its hash is that of the file as it stays.
        manifest.files[Self.databaseName] = FileDigest.sha256(ofFile: snapshotPath)

        // Stored files are never rewritten, and a row commits only after its file is in place, so
        // every file the snapshot names is there to copy, however the store moved on meanwhile.
        let store = DocumentFiles(existingRoot: configuration.documentsDirectory)
        var folders = Set<String>()
        for digest in Set(documents.map(\.sha256)).sorted() {
            guard let source = store.path(sha256: digest) else {
                throw FileCopy.Failure(description: "a document row names '\(digest)', which is not a SHA-256")
            }
            let relative = "documents/" + digest.prefix(2) + "/" + digest.dropFirst(2)
            let subfolder = folder + "/documents/" + digest.prefix(2)
            if folders.insert(subfolder).inserted { try files.createDirectory(atPath: subfolder, withIntermediateDirectories: true) }
            let copied = try FileCopy.copy(source, to: folder + "/" + relative)
            guard copied == digest else {
                throw FileCopy.Failure(description: "\(source) no longer matches its SHA-256 (it hashes to \(copied)): run cpor check")
            }
            manifest.files[relative] = copied
            summary.documents += 1
            var info = stat()
            if stat(source, &info) == 0 { summary.documentBytes += Int64(info.st_size) }
        }

        let mail = (try? files.contentsOfDirectory(atPath: configuration.mailDirectory)) ?? []
        let emails = mail.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted()
        if !emails.isEmpty {
            try files.createDirectory(atPath: folder + "/mail", withIntermediateDirectories: true)
            for name in emails {
                manifest.files["mail/" + name] = try FileCopy.copy(configuration.mailDirectory + "/" + name, to: folder + "/mail/" + name)
            }
            try FileCopy.syncFolder(folder + "/mail")
            summary.emails = emails.count
        }

        let counts = summary.rowCounts.keys.sorted().map { "\($0) \(summary.rowCounts[$0]!)\n" }.joined()
        manifest.files[Self.rowCountsName] = try write(counts, to: folder + "/" + Self.rowCountsName)
        for subfolder in folders { try FileCopy.syncFolder(subfolder) }
        try FileCopy.syncFolder(folder + "/documents")
        _ = try write(manifest.text, to: folder + "/" + BackupManifest.fileName)
        return summary
    }

    /// Checks `folder` against its manifest and copies it into this configuration's data folder,
    /// which must hold no database yet (move the old one aside first). Returns what was restored.
    public func restore(from folder: String) throws -> Summary {
        let files = FileManager.default
        guard let text = files.contents(atPath: folder + "/" + BackupManifest.fileName) else {
            throw FileCopy.Failure(description: "\(folder) has no \(BackupManifest.fileName): not a backup, or an unfinished one")
        }
        let manifest = try BackupManifest(text: String(decoding: text, as: UTF8.self))
        let problems = manifest.problems(in: folder)
        guard problems.isEmpty, manifest.files[Self.databaseName] != nil else {
            throw FileCopy.Failure(description: "the backup does not match its manifest:\n  " + (problems.isEmpty ? ["no database"] : problems).joined(separator: "\n  "))
        }
        for suffix in ["", "-wal", "-shm", "-journal"] where files.fileExists(atPath: configuration.databasePath + suffix) {
            throw FileCopy.Failure(description: "\(configuration.databasePath + suffix) exists: stop the service and move the data folder aside before restoring")
        }
        var summary = Summary()
        try files.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        var folders = Set([configuration.dataDirectory])
        for path in manifest.files.keys.sorted() where path != BackupManifest.fileName && path != Self.rowCountsName {
            let target: String
            if path == Self.databaseName {
                target = configuration.databasePath
            } else if path.hasPrefix("documents/") {
                target = configuration.documentsDirectory + "/" + path.dropFirst("documents/".count)
                summary.documents += 1
            } else if path.hasPrefix("mail/") {
                target = configuration.mailDirectory + "/" + path.dropFirst("mail/".count)
                summary.emails += 1
            } else {
                continue
            }
            let targetFolder = (target as NSString).deletingLastPathComponent
            if folders.insert(targetFolder).inserted {
                try files.createDirectory(atPath: targetFolder, withIntermediateDirectories: true)
                folders.insert((targetFolder as NSString).deletingLastPathComponent)
            }
            guard try FileCopy.copy(folder + "/" + path, to: target) == manifest.files[path] else {
                throw FileCopy.Failure(description: "\(folder)/\(path) changed while it was restored")
            }
        }
        for subfolder in folders.sorted().reversed() { try FileCopy.syncFolder(subfolder) }

        let restored = try DatabaseFile(path: configuration.databasePath)
        defer { restored.close() }
        summary.rowCounts = try restored.rowCounts()
        let recorded = String(decoding: files.contents(atPath: folder + "/" + Self.rowCountsName) ?? Data(), as: UTF8.self)
        let expected = recorded.split(separator: "\n").reduce(into: [String: Int]()) { counts, line in
            let parts = line.split(separator: " ")
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        guard expected == summary.rowCounts else {
            throw FileCopy.Failure(description: "the restored database's row counts differ from the backup's \(Self.rowCountsName)")
        }
        return summary
    }

    /// Writes `text` durably and returns its SHA-256.
    private func write(_ text: String, to path: String) throws -> String {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw FileCopy.failure("create", temporary)
        }
        defer { unlink(temporary) }
        return try FileCopy.copy(temporary, to: path)
    }
}
