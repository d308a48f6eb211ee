import Digest
import Foundation

/// The SHA-256 of a file's bytes, read in pieces so a large PoE file never sits whole in memory.
enum FileDigest {
    /// The digest in hex, or nil when the file cannot be read.
    static func sha256(ofFile path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return hasher.finalizeHex() }
            hasher.update(buffer[..<count])
        }
    }
}
