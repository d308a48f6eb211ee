/// A database path in a fresh directory; the directory goes, with the database and its WAL and
/// shared-memory files, when the value does. Close every connection to it before that.
public final class TemporaryDatabase: Sendable {
    public let directory: TemporaryDirectory
    public var path: String { directory.path + "/test.sqlite" }

    public init() throws {
        directory = try TemporaryDirectory(prefix: "cpor-database")
    }

    /// Runs `body` with the path of a database that is removed when `body` returns.
    public static func withPath<T>(_ body: (String) throws -> T) throws -> T {
        let database = try TemporaryDatabase()
        return try withExtendedLifetime(database) { try body(database.path) }
    }
}
