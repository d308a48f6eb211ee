import Storage
import TestSupport

/// The service's database, opened and migrated in a temporary directory, closed and removed when
/// the value goes away.
final class MigratedDatabase {
    let temporary: TemporaryDatabase
    let database: Database

    init() throws {
        temporary = try TemporaryDatabase()
        database = try Database(path: temporary.path)
    }

    deinit {
        database.close()
    }
}
