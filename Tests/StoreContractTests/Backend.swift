import Foundation
import Storage
import TestSupport
#if Postgres
import Postgres
import PostgresStorage
#endif

/// A store backend the contract tests run on. Every test takes its stores from `Backend.all`, so
/// the same expectations hold for SQLite and, in a build with the `Postgres` trait, PostgreSQL.
enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// The backends this build has: PostgreSQL only with the trait (`Tests/Postgres` builds with it).
    static var all: [Backend] {
        #if Postgres
        [.sqlite, .postgres]
        #else
        [.sqlite]
        #endif
    }

    /// Fresh, empty, migrated stores, gone when the returned value is.
    func makeStores(sessionTimeouts: SessionTimeouts = SessionTimeouts()) throws -> TestStores {
        switch self {
        case .sqlite:
            let temporary = try TemporaryDatabase()
            let database = try Database(path: temporary.path)
            return TestStores(stores: .sqlite(database, sessionTimeouts: sessionTimeouts), backend: self,
                              bulkLoader: BulkLoader(database: database),
                              keepAlive: [temporary, database], close: { database.close() }, node: {
                // Another process on the same file: its own pool and writer, waiting on SQLite's locks.
                let other = try Database(path: temporary.path)
                return (.sqlite(other, sessionTimeouts: sessionTimeouts), { other.close() })
            })
        case .postgres:
            #if Postgres
            // A schema of its own per test: tests run in parallel on one server.
            guard let conninfo = ProcessInfo.processInfo.environment["CPOR_TEST_POSTGRES"], !conninfo.isEmpty else {
                throw MissingCluster()
            }
            let schema = "contract_\(UInt64.random(in: 0...UInt64.max))"
            let database = try PostgresDatabase(conninfo: conninfo, schema: schema, connections: 4)
            return TestStores(stores: .postgres(database, sessionTimeouts: sessionTimeouts), backend: self,
                              bulkLoader: PostgresBulkLoader(database: database), keepAlive: [database], close: {
                _ = try? database.read { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }
                database.close()
            }, node: {
                // Another node on the same database: a pool of its own, meeting this one only in PostgreSQL.
                let other = try PostgresDatabase(conninfo: conninfo, schema: schema, connections: 4)
                return (.postgres(other, sessionTimeouts: sessionTimeouts), { other.close() })
            })
            #else
            preconditionFailure("this build has no PostgreSQL store")
            #endif
        }
    }
}

/// Stores for one test, and what keeps them open until it ends.
final class TestStores: @unchecked Sendable {
    let stores: Stores
    let backend: Backend
    /// Writes claims by the thousand, as `cpor seed` does.
    let bulkLoader: any BulkClaimLoader
    private let keepAlive: [AnyObject]
    private let close: () -> Void
    private let makeNode: () throws -> (Stores, close: () -> Void)
    private let lock = NSLock()
    private var nodesToClose: [() -> Void] = []

    init(stores: Stores, backend: Backend, bulkLoader: any BulkClaimLoader, keepAlive: [AnyObject], close: @escaping () -> Void,
         node: @escaping () throws -> (Stores, close: () -> Void)) {
        self.stores = stores
        self.backend = backend
        self.bulkLoader = bulkLoader
        self.keepAlive = keepAlive
        self.close = close
        self.makeNode = node
    }

    /// The same database's stores as a second node sees them: separate connections, so what the two
    /// share is only what the database itself keeps consistent. Closed before `stores`.
    func node() throws -> Stores {
        let (stores, close) = try makeNode()
        lock.withLock { nodesToClose.append(close) }
        return stores
    }

    deinit {
        for closeNode in nodesToClose { closeNode() }
        close()
    }
}

struct MissingCluster: Error, CustomStringConvertible {
    var description: String {
        "CPOR_TEST_POSTGRES is not set, so there is no PostgreSQL server to test against. Run scripts/test, or "
            + "eval \"$(scripts/postgres-cluster start)\" before the tests in Tests/Postgres."
    }
}
