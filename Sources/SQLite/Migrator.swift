/// Brings a database's schema up to date by applying, in id order, the migrations it has not recorded.
///
/// Each migration and its row in `schema_migrations` are committed in one transaction, so a migration is
/// either fully applied and recorded or not at all, even across a crash.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// `migrations` must have strictly increasing ids; the list is part of the code, so a wrong one is a
    /// programming error and stops the process.
    public init(_ migrations: [Migration]) {
        for (earlier, later) in zip(migrations, migrations.dropFirst()) {
            precondition(
                earlier.id < later.id,
                "migration ids must be strictly increasing, but \(earlier.id) is followed by \(later.id)"
            )
        }
        self.migrations = migrations
    }

    /// Applies the missing migrations and returns their ids, in the order applied.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Int] {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let recorded = Set(try appliedIDs(connection))
        let unknown = recorded.subtracting(migrations.map(\.id)).sorted()
        guard unknown.isEmpty else {
            throw MigrationError.unknownMigrations(ids: unknown)
        }
        var applied: [Int] = []
        for migration in migrations where !recorded.contains(migration.id) {
            if try apply(migration, to: connection) {
                applied.append(migration.id)
            }
        }
        return applied
    }

    /// The ids recorded in the database, ascending.
    public func appliedIDs(_ connection: Connection) throws -> [Int] {
        try connection.query("SELECT id FROM schema_migrations ORDER BY id").map { try $0.int("id") }
    }

    private func apply(_ migration: Migration, to connection: Connection) throws -> Bool {
        try connection.transaction(.immediate) {
            // Checked again under the write lock: another process may have applied it since it was read.
            let alreadyApplied = try connection.scalar(
                "SELECT 1 FROM schema_migrations WHERE id = ?", [migration.id]
            ) != nil
            guard !alreadyApplied else {
                return false
            }
            do {
                try migration.apply(connection)
            } catch {
                throw MigrationError.failed(id: migration.id, name: migration.name, underlying: error)
            }
            try connection.run(
                "INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                [migration.id, migration.name]
            )
            return true
        }
    }
}
