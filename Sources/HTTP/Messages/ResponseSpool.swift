#if canImport(Glibc)
import Glibc
#endif

/// A response body too large to build in memory, written to a temporary file as it is made and
/// sent from there with its `Content-Length`. The file is unlinked the moment it is created, so
/// nothing is left on disk whatever happens next (a failure half-way, a dropped connection, a
/// killed process): its space comes back when the last descriptor closes. One thread writes it,
/// then `finish()` hands the whole body over.
public final class ResponseSpool {
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private var written = 0
    private let directory: String

    /// Writes reach the file in pieces of about this size.
    static let flushThreshold = 64 * 1024

    public init(directory: String) throws {
        self.directory = directory
        let (fd, path) = try TemporaryFile.create(in: directory, prefix: "response-")
        descriptor = fd
        unlink(path)
        pending.reserveCapacity(Self.flushThreshold)
    }

    public func write(_ bytes: some Sequence<UInt8>) throws {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Everything written, as a body; the spool is empty and closed afterwards.
    public func finish() throws -> HTTPResponseBody {
        try flush()
        let file = SpooledFile(descriptor: descriptor, length: written)
        descriptor = -1
        return .spooled(file)
    }

    private func flush() throws {
        guard descriptor >= 0 else { throw HTTPServerError(call: "write", errno: EBADF, detail: "a finished response spool") }
        try pending.withUnsafeBytes { try TemporaryFile.write($0, to: descriptor, path: directory) }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
