#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor for reading, closed when the value goes away.
final class ReadableFile {
    let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HTTPServerError(call: "open", detail: path) }
        descriptor = fd
    }

    /// Up to `count` bytes; empty at end of file.
    func read(upTo count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        while true {
            let received = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
            if received >= 0 {
                bytes.removeLast(count - received)
                return bytes
            }
            if errno != EINTR { throw HTTPServerError(call: "read") }
        }
    }

    deinit {
        close(descriptor)
    }
}
