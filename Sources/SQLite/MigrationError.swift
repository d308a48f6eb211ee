/// Why `Migrator.migrate` stopped.
public enum MigrationError: Error, CustomStringConvertible {
    /// The database records migrations this code does not know: it was migrated by a newer version, and
    /// running against its schema could corrupt data.
    case unknownMigrations(ids: [Int])
    /// A migration threw; neither its changes nor its record were kept.
    case failed(id: Int, name: String, underlying: any Error)

    public var description: String {
        switch self {
        case .unknownMigrations(let ids):
            "the database has migrations \(ids) that this version does not know; it was migrated by a newer version"
        case .failed(let id, let name, let underlying):
            "migration \(id) (\(name)) failed: \(underlying)"
        }
    }
}
