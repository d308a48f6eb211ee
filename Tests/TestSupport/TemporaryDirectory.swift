import Foundation

/// A fresh directory for one test's files, removed with everything in it when the value goes away.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "cpor-tests") throws {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Names of the files left in the directory.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Writes `bytes` to a new file here and returns its path.
    public func write(_ bytes: [UInt8], named name: String = UUID().uuidString) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
