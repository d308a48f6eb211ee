#if canImport(Glibc)
import Glibc
#endif

/// A response body kept in an open file that has no name (see `ResponseSpool`). The descriptor
/// is closed when the last response holding it goes away, which frees the file's space; the
/// server sends from a duplicate of its own.
public final class SpooledFile: Sendable, Equatable {
    let descriptor: Int32
    public let length: Int

    init(descriptor: Int32, length: Int) {
        self.descriptor = descriptor
        self.length = length
    }

    /// The whole content, read without moving the descriptor's offset: for tests and small files.
    public func contents() throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var offset = 0
        while offset < length {
            let received = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, length - offset, off_t(offset)) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else {
                throw HTTPServerError(call: "pread", errno: received < 0 ? errno : EIO, detail: "spooled response body")
            }
            offset += received
        }
        return bytes
    }

    /// A descriptor of the server's own, reading from the start; the caller closes it.
    func openForSending() throws -> Int32 {
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw HTTPServerError(call: "fcntl", detail: "F_DUPFD_CLOEXEC") }
        // A duplicate shares the offset, which writing left at the end; `contents` never uses it.
        guard lseek(copy, 0, SEEK_SET) == 0 else {
            let error = HTTPServerError(call: "lseek")
            close(copy)
            throw error
        }
        return copy
    }

    public static func == (lhs: SpooledFile, rhs: SpooledFile) -> Bool { lhs === rhs }

    deinit {
        close(descriptor)
    }
}
