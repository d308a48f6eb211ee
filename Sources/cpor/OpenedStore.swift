import App
import Documents
import Foundation
import Storage
#if Postgres
import PostgresStorage
#endif

/// The stores a command works on: the SQLite file `--db` names, or, with `--db postgres://…`, a
/// PostgreSQL database that several nodes share.
struct OpenedStore {
    let stores: Stores
    let documents: any DocumentContentStore
    /// Writes claims by the thousand (`cpor seed`).
    let bulkLoader: any BulkClaimLoader
    let close: () -> Void

    static func open(_ configuration: AppConfiguration) throws -> OpenedStore {
        if let conninfo = configuration.postgresConnection {
            #if Postgres
            let database = try PostgresDatabase(conninfo: conninfo)
            return OpenedStore(stores: .postgres(database, sessionTimeouts: configuration.sessions),
                               documents: try PostgresDocumentStore(database: database, localFolder: configuration.documentsDirectory),
                               bulkLoader: PostgresBulkLoader(database: database), close: { database.close() })
            #else
            throw CommandLineOptions.UsageError("cli.error.postgres_not_built", [:])
            #endif
        }
        let database = try Database(path: configuration.databasePath)
        return OpenedStore(stores: .sqlite(database, sessionTimeouts: configuration.sessions),
                           documents: try DocumentFiles(root: configuration.documentsDirectory),
                           bulkLoader: BulkLoader(database: database), close: { database.close() })
    }

    /// What `cpor check` reads the store through, opened as it is: never created, never migrated.
    static func inspection(_ configuration: AppConfiguration) throws -> any StoreInspection {
        if let conninfo = configuration.postgresConnection {
            #if Postgres
            return try PostgresStoreInspection(conninfo: conninfo)
            #else
            throw CommandLineOptions.UsageError("cli.error.postgres_not_built", [:])
            #endif
        }
        return try SQLiteStoreInspection(configuration: configuration)
    }
}
