import Foundation

/// A database path in a fresh directory, removed with its WAL and shared-memory files after the test.
enum TemporaryDatabase {
    static func withPath<T>(_ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory.appendingPathComponent("test.sqlite").path)
    }
}
