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
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        var template = Array((base + "upload-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw HTTPServerError(call: "mkstemp", detail: base) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        hasher.update(bytes)
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw HTTPServerError(call: "write", detail: path)
                }
                offset += written
            }
        }
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
