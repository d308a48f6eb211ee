#if Postgres
import Digest
import Foundation
import Glibc
import Postgres
import Storage

/// PoE bytes in PostgreSQL, addressed by their SHA-256, so every node serves every document. A
/// document is written and read a chunk (at most 1 MiB) at a time, never whole in memory; its
/// `documents` row is written last, in the same transaction as its chunks, so a document is either
/// all there or not at all.
///
/// To send one, a node copies it once into a local cache folder (`localFolder/cache/…`), checks
/// its SHA-256 on the way, and serves the file from there: the bytes behind a digest never change,
/// so a cached copy never goes stale.
public struct PostgresDocumentStore: DocumentContentStore {
    let database: PostgresDatabase
    let localFolder: String
    static let chunkSize = 1 << 20

    public var incomingDirectory: String { localFolder + "/.incoming" }
    var cacheDirectory: String { localFolder + "/cache" }

    public init(database: PostgresDatabase, localFolder: String) throws {
        self.database = database
        self.localFolder = localFolder
        try FileManager.default.createDirectory(atPath: localFolder + "/.incoming", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: localFolder + "/cache", withIntermediateDirectories: true)
    }

    public func store(temporaryPath: String, sha256: String) throws {
        guard Self.isDigest(sha256) else { throw DocumentStoreError.notADigest(sha256) }
        defer { unlink(temporaryPath) }
        guard let file = FileHandle(forReadingAtPath: temporaryPath) else { throw DocumentStoreError.unreadable(temporaryPath) }
        defer { try? file.close() }
        try database.transaction { connection in
            // Two uploads of the same bytes at once: the second waits on this lock, then finds the row.
            try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [sha256])
            if try connection.queryOne("SELECT 1 FROM documents WHERE sha256 = $1", [sha256]) != nil { return }
            var digest = SHA256()
            var size = 0
            var chunk = 0
            while true {
                let bytes = [UInt8](try file.read(upToCount: Self.chunkSize) ?? Data())
                if bytes.isEmpty && chunk > 0 { break }
                digest.update(bytes)
                size += bytes.count
                try connection.execute("INSERT INTO document_chunks (sha256, chunk, bytes) VALUES ($1, $2, $3)", [sha256, chunk, bytes])
                chunk += 1
                if bytes.count < Self.chunkSize { break }
            }
            // The caller computed the digest while receiving; what is committed must be what it named.
            guard digest.finalizeHex() == sha256 else { throw DocumentStoreError.digestMismatch(sha256) }
            try connection.execute("INSERT INTO documents (sha256, size, chunks, stored_at) VALUES ($1, $2, $3, $4)",
                                   [sha256, size, chunk, Date().millisecondsSince1970])
        }
    }

    public func file(sha256: String) throws -> String? {
        guard Self.isDigest(sha256) else { return nil }
        let path = cacheDirectory + "/" + sha256
        if FileManager.default.fileExists(atPath: path) { return path }
        return try database.read { connection -> String? in
            guard let row = try connection.queryOne("SELECT chunks FROM documents WHERE sha256 = $1", [sha256]) else { return nil }
            let chunks = try row.int("chunks")
            let temporary = cacheDirectory + "/." + sha256 + "-" + UUID().uuidString
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let out = FileHandle(forWritingAtPath: temporary) else { throw DocumentStoreError.unwritable(temporary) }
            var written = false
            defer {
                try? out.close()
                if !written { unlink(temporary) }
            }
            var digest = SHA256()
            for chunk in 0..<chunks {
                guard let bytes = try connection.queryOne("SELECT bytes FROM document_chunks WHERE sha256 = $1 AND chunk = $2",
                                                          [sha256, chunk])?.bytes("bytes") else {
                    throw DocumentStoreError.missingChunk(sha256, chunk)
                }
                digest.update(bytes)
                try out.write(contentsOf: bytes)
            }
            guard digest.finalizeHex() == sha256 else { throw DocumentStoreError.digestMismatch(sha256) }
            // Another request may have cached it meanwhile: either copy is the same bytes.
            guard rename(temporary, path) == 0 else { throw DocumentStoreError.unwritable(path) }
            written = true
            return path
        }
    }

    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

public enum DocumentStoreError: Error, Equatable, CustomStringConvertible {
    case notADigest(String)
    case unreadable(String)
    case unwritable(String)
    case digestMismatch(String)
    case missingChunk(String, Int)

    public var description: String {
        switch self {
        case .notADigest(let text): "'\(text)' is not a SHA-256 digest"
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path): "cannot write \(path)"
        case .digestMismatch(let digest): "the bytes stored under \(digest) do not hash to it"
        case .missingChunk(let digest, let chunk): "document \(digest) is missing its chunk \(chunk)"
        }
    }
}
#endif
