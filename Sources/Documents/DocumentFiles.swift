import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Proof-of-execution bytes on disk, addressed by their SHA-256: `<root>/ab/cdef…`. A file is
/// written once and never replaced: the same bytes uploaded twice share one file, and different
/// bytes can never land on an existing name.
public struct DocumentFiles: Sendable {
    public let root: String

    /// Where uploads are spooled while they arrive: inside `root`, so taking one in is a rename
    /// on the same file system, never a copy.
    public var incomingDirectory: String { root + "/.incoming" }

    public init(root: String) throws {
        self.root = root
        let isNew = !FileManager.default.fileExists(atPath: root)
        try FileManager.default.createDirectory(atPath: root + "/.incoming", withIntermediateDirectories: true)
        // A new folder's own name is an entry in its parent, as easily lost in a power cut as a file's.
        if isNew { try DirectorySync.sync((root as NSString).deletingLastPathComponent) }
    }

    /// A view of files already stored under `root`, which creates nothing: for checking a store.
    public init(existingRoot root: String) {
        self.root = root
    }

    public func path(sha256: String) -> String? {
        guard Self.isDigest(sha256) else { return nil }
        return root + "/" + sha256.prefix(2) + "/" + sha256.dropFirst(2)
    }

    /// Gets the finished temporary file at `temporaryPath` ready to be stored under `sha256`
    /// before the claim's change is decided: its bytes synced to disk and its folder made. Then
    /// `storePrepared`, once the change is accepted, only links and syncs a name.
    public func prepare(temporaryPath: String, sha256: String) throws {
        guard path(sha256: sha256) != nil else { throw DocumentFileError(call: "prepare", path: sha256, code: EINVAL) }
        try makeFolder(for: sha256)
        try sync(temporaryPath)
    }

    /// Takes over the finished temporary file at `temporaryPath`, whose content hashes to `sha256`.
    /// The file is synced first and linked into place, which fails rather than overwrite; an
    /// existing file with that digest already holds these bytes, so the new copy is dropped.
    /// Before this returns, the new name is synced too (its folder, and the root when the folder
    /// is new), so the row the caller commits next never outlives the file in a power cut.
    public func store(temporaryPath: String, sha256: String) throws {
        try store(temporaryPath: temporaryPath, sha256: sha256, bytesSynced: false)
    }

    /// `store` for a file `prepare` has synced, which nothing has written to since: its bytes
    /// are on disk already, so only its new name is synced. Syncing a clean file again would still
    /// flush the disk's cache.
    public func storePrepared(temporaryPath: String, sha256: String) throws {
        try store(temporaryPath: temporaryPath, sha256: sha256, bytesSynced: true)
    }

    private func store(temporaryPath: String, sha256: String, bytesSynced: Bool) throws {
        guard let target = path(sha256: sha256) else { throw DocumentFileError(call: "store", path: sha256, code: EINVAL) }
        defer { unlink(temporaryPath) }
        if FileManager.default.fileExists(atPath: target) { return }
        let folder = try makeFolder(for: sha256)
        if !bytesSynced { try sync(temporaryPath) }
        if link(temporaryPath, target) != 0, errno != EEXIST {
            throw DocumentFileError(call: "link", path: target, code: errno)
        }
        try DirectorySync.sync(folder)
    }

    /// The folder files with this digest go in, made (and its name synced) when missing.
    @discardableResult
    private func makeFolder(for sha256: String) throws -> String {
        let folder = root + "/" + sha256.prefix(2)
        if FileManager.default.fileExists(atPath: folder) { return folder }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try DirectorySync.sync(root)
        return folder
    }

    private func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DocumentFileError(call: "open", path: path, code: errno) }
        let synced = fsync(descriptor)
        let syncError = errno
        close(descriptor)
        guard synced == 0 else { throw DocumentFileError(call: "fsync", path: path, code: syncError) }
    }

    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
