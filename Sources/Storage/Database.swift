import Foundation
import SQLite

/// The one SQLite file the service keeps everything in: opened as a pool (one writer, several
/// readers in WAL mode) and migrated to the current schema before anything else touches it.
public final class Database: Sendable {
    public let pool: ConnectionPool
    public let path: String
    /// How common each trigram of the claims' text is, for searches to pick theirs (see `ClaimSearch`).
    let claimSearchStatistics = ClaimSearchStatistics()

    public init(path: String, readers: Int = 4) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.path = path
        self.pool = try ConnectionPool(path: path, readers: readers)
        try pool.writeLarge { connection in
            try Migrator(Schema.migrations).migrate(connection)
        }
    }

    public func close() { pool.close() }
}
