#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking pipe other threads write to so the event loop leaves `epoll_wait` promptly.
final class WakeupSignal: Sendable {
    // Only the descriptors are shared; pipe reads and writes are atomic in the kernel.
    let descriptor: Int32
    private let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw HTTPServerError(call: "pipe") }
        for fd in ends {
            guard fcntl(fd, F_SETFL, O_NONBLOCK) == 0, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else {
                let error = HTTPServerError(call: "fcntl")
                close(ends[0])
                close(ends[1])
                throw error
            }
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    /// A full pipe already guarantees a wake-up, so a failed write needs no handling.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func drain() {
        var scratch = [UInt8](repeating: 0, count: 256)
        while scratch.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, 256) }) > 0 {}
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }
}
