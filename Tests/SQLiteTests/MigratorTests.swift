import Testing
@testable import SQLite
import TestSupport

@Suite struct MigratorTests {
    private struct Refused: Error {}

    private let createClaims = Migration(id: 1, name: "create claims", sql: """
        CREATE TABLE claim (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
        """)
    private let addStatus = Migration(id: 2, name: "add claim status", sql: """
        ALTER TABLE claim ADD COLUMN status TEXT NOT NULL DEFAULT 'submitted';
        """)

    private func tables(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .map { try $0.string("name") }
    }

    @Test func appliesEachMigrationOnce() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let migrator = Migrator([createClaims, addStatus])
            #expect(try migrator.migrate(connection) == [1, 2])
            #expect(try migrator.migrate(connection) == [])
            #expect(try migrator.appliedIDs(connection) == [1, 2])
            let record = try #require(try connection.queryOne("SELECT * FROM schema_migrations WHERE id = 2"))
            #expect(try record.string("name") == "add claim status")
            #expect(try record.string("applied_at").hasSuffix("Z"))
            try connection.run("INSERT INTO claim (title) VALUES (?)", ["Hail damage"])
            #expect(try connection.scalar("SELECT status FROM claim") == .text("submitted"))
        }
    }

    @Test func appliesOnlyMigrationsAddedSinceTheLastRun() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try Migrator([createClaims]).migrate(connection)
            let closureMigration = Migration(id: 3, name: "seed") { connection in
                try connection.run("INSERT INTO claim (title) VALUES (?)", ["seeded"])
            }
            #expect(try Migrator([createClaims, addStatus, closureMigration]).migrate(connection) == [2, 3])
            #expect(try connection.scalar("SELECT title FROM claim") == .text("seeded"))
        }
    }

    @Test func failingMigrationLeavesNeitherItsChangesNorItsRecord() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let failing = Migration(id: 2, name: "half done") { connection in
                try connection.execute("CREATE TABLE partner (id INTEGER PRIMARY KEY)")
                throw Refused()
            }
            let later = Migration(id: 3, name: "never reached", sql: "CREATE TABLE audit (id INTEGER)")
            let error = try #require(throws: MigrationError.self) {
                try Migrator([createClaims, failing, later]).migrate(connection)
            }
            guard case .failed(let id, _, let underlying) = error else {
                Issue.record("expected .failed, got \(error)")
                return
            }
            #expect(id == 2)
            #expect(underlying is Refused)
            #expect(try Migrator([createClaims]).appliedIDs(connection) == [1])
            #expect(try tables(connection) == ["claim", "schema_migrations"])
        }
    }

    @Test func failingSQLMigrationRollsBackEarlierStatementsOfItsScript() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let broken = Migration(id: 1, name: "broken", sql: """
                CREATE TABLE claim (id INTEGER PRIMARY KEY);
                CREATE TABLE oops (;
                """)
            #expect(throws: MigrationError.self) { try Migrator([broken]).migrate(connection) }
            #expect(try tables(connection) == ["schema_migrations"])
        }
    }

    @Test func refusesADatabaseMigratedByANewerVersion() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let newer = Migration(id: 9, name: "from the future", sql: "CREATE TABLE future (id INTEGER)")
            try Migrator([createClaims, newer]).migrate(connection)

            let error = try #require(throws: MigrationError.self) {
                try Migrator([createClaims, addStatus]).migrate(connection)
            }
            guard case .unknownMigrations(let ids) = error else {
                Issue.record("expected .unknownMigrations, got \(error)")
                return
            }
            #expect(ids == [9])
            // Migration 2 did not run.
            #expect(try connection.query("SELECT * FROM pragma_table_info('claim') WHERE name = 'status'").isEmpty)
        }
    }
}
