import Documents
import Foundation
import Storage

/// What `cpor check` reads from a SQLite store: the database file (`DatabaseFile`, opened without
/// migrating) and the PoE files in the documents folder beside it.
public struct SQLiteStoreInspection: StoreInspection {
    let file: DatabaseFile
    let files: DocumentFiles
    let documentsDirectory: String

    /// Fails when there is no database: inspecting must never create an empty one.
    public init(configuration: AppConfiguration) throws {
        file = try DatabaseFile(path: configuration.databasePath)
        documentsDirectory = configuration.documentsDirectory
        files = DocumentFiles(existingRoot: documentsDirectory)
    }

    public func close() { file.close() }

    public func integrityProblems() throws -> [String]? { try file.integrityProblems() }

    public func missingParents() throws -> [Inspected.MissingParent] { try file.foreignKeyProblems() }

    public func schemaVersion() throws -> Inspected.SchemaVersion { try file.schemaVersion() }

    public func documents() throws -> [Inspected.Document] { try file.documents() }

    public func verifyContent(sha256: String, size: Int64, bytes: inout Int64) -> Inspected.ContentFault? {
        guard let path = files.path(sha256: sha256) else { return .notADigest }
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(path: path) }
        bytes += Int64(info.st_size)
        guard Int64(info.st_size) == size else { return .size(actual: Int64(info.st_size)) }
        guard let actual = FileDigest.sha256(ofFile: path) else { return .unreadable(path: path) }
        return actual == sha256 ? nil : .changed(actual: actual)
    }

    /// Files in the documents folder no row names, and files there that are not named by a digest at all.
    public func unreferencedContent(_ referenced: Set<String>) throws -> [Inspected.Orphan] {
        files.storedFiles().filter { $0.sha256.map { !referenced.contains($0) } ?? true }
            .map { .file(path: "\(documentsDirectory)/\($0.relativePath)") }
    }

    public func overdueOutbox(before: Date) throws -> [Inspected.OutboxMessage] { try file.overdueOutbox(before: before) }

    public func failedOutbox() throws -> [Inspected.OutboxMessage] { try file.failedOutbox() }
}
