import Documents
import Foundation
import Storage

/// SQLite's stores keep PoE as files beside the database.
extension DocumentFiles: DocumentContentStore {
    public func file(sha256: String) throws -> String? {
        guard let path = path(sha256: sha256), FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }
}
