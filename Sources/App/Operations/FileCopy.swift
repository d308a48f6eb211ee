import Digest
import Documents
import Foundation

/// Copies a file durably and says what it copied: the bytes go to a hidden temporary file that is
/// synced, then renamed into place, so the target is either whole or absent after a crash, and
/// are hashed on the way, so the copy can be checked against a manifest without reading it again.
enum FileCopy {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Copies `source` to `target` (whose folder must exist) and returns the SHA-256 of the bytes
    /// written. The caller syncs the target's folder once it has placed everything in it.
    static func copy(_ source: String, to target: String) throws -> String {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("open", source) }
        defer { close(input) }
        let folder = (target as NSString).deletingLastPathComponent
        let temporary = folder + "/.copy-\(UUID().uuidString).tmp"
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw failure("open", temporary) }
        var placed = false
        defer {
            if !placed { unlink(temporary) }
        }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        do {
            defer { close(output) }
            while true {
                let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure("read", source)
                }
                if count == 0 { break }
                hasher.update(buffer[..<count])
                var offset = 0
                while offset < count {
                    let written = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, count - offset) }
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure("write", temporary)
                    }
                    offset += written
                }
            }
            guard fsync(output) == 0 else { throw failure("fsync", temporary) }
        }
        guard rename(temporary, target) == 0 else { throw failure("rename", target) }
        placed = true
        return hasher.finalizeHex()
    }

    /// Makes the names placed in `folder` durable.
    static func syncFolder(_ folder: String) throws {
        try DirectorySync.sync(folder)
    }

    static func failure(_ call: String, _ path: String, code: Int32 = errno) -> Failure {
        Failure(description: "\(call) \(path) failed: \(String(cString: strerror(code))) [errno \(code)]")
    }
}
