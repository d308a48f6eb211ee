#if Postgres
import Foundation
import Postgres

/// The PostgreSQL server the tests run against: the one `CPOR_TEST_POSTGRES` names, which `scripts/test` starts
/// with `scripts/postgres-cluster`. Without it every test that needs a server fails, saying so: a build with the
/// `Postgres` trait is meant to test PostgreSQL, and tests that skipped themselves would read as passed.
enum TestCluster {
    static func conninfo() throws -> String {
        guard let conninfo = ProcessInfo.processInfo.environment["CPOR_TEST_POSTGRES"], !conninfo.isEmpty else {
            throw MissingCluster()
        }
        return conninfo
    }

    static func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: conninfo())
    }

    /// A table name no other test uses. Tests run in parallel on one database; a test with one connection uses a
    /// temporary table instead, which only its session sees.
    static func uniqueTableName(_ prefix: String) -> String {
        "\(prefix)_\(UInt64.random(in: 0...UInt64.max))"
    }

    /// An advisory lock key no other test uses.
    static func uniqueLockKey() -> Int64 {
        Int64.random(in: 1...Int64.max)
    }
}

struct MissingCluster: Error, CustomStringConvertible {
    var description: String {
        "CPOR_TEST_POSTGRES is not set, so there is no PostgreSQL server to test against. Run scripts/test, or "
            + "eval \"$(scripts/postgres-cluster start)\" before swift test --traits Postgres."
    }
}
#endif
