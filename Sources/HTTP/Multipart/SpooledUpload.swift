import Digest
#if canImport(Glibc)
import Glibc
#endif

/// The temporary file one file part is written to as it arrives, hashed on the way, so an
/// upload never sits whole in memory. Removed by `remove()` unless the caller takes it over.
final class SpooledUpload {
    let path: String
    private var descriptor: Int32
    private(set) var size = 0
    private var hasher = SHA256()

    init(directory: String) throws {
        (descriptor, path) = try TemporaryFile.create(in: directory, prefix: "upload-")
    }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        hasher.update(bytes)
        try bytes.withUnsafeBytes { try TemporaryFile.write($0, to: descriptor, path: path) }
        size += bytes.count
    }

    /// Closes the file and returns the SHA-256 of everything appended, in hex.
    func finish() throws -> String {
        let fd = descriptor
        descriptor = -1
        // close() is where some file systems report a failed write, so its result matters.
        guard close(fd) == 0 else { throw HTTPServerError(call: "close", detail: path) }
        return hasher.finalizeHex()
    }

    func remove() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
