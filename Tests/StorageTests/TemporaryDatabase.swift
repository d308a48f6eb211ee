import Foundation
import Storage

/// A migrated database in a fresh temporary folder, removed when the value goes away.
final class TemporaryDatabase {
    let folder: String
    let database: Database

    init() throws {
        folder = NSTemporaryDirectory() + "cpor-storage-\(UUID().uuidString)"
        database = try Database(path: folder + "/cpor.sqlite")
    }

    deinit {
        database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
