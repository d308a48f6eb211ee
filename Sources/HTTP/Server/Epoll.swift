#if canImport(Glibc)
import Glibc
#endif

/// A level-triggered epoll instance keyed by file descriptor. Level triggering keeps the loop
/// simple: a connection that is not read to exhaustion is simply reported again.
final class Epoll {
    static let readable = EpollCalls.eventIn
    static let writable = EpollCalls.eventOut
    static let failed = EpollCalls.eventError | EpollCalls.eventHangUp

    let descriptor: Int32
    private let calls: EpollCalls
    private let capacity: Int
    private let events: UnsafeMutableRawPointer

    init(capacity: Int = 256) throws {
        calls = try EpollCalls()
        let fd = calls.create(EpollCalls.createCloseOnExec)
        guard fd >= 0 else { throw HTTPServerError(call: "epoll_create1") }
        descriptor = fd
        self.capacity = capacity
        events = UnsafeMutableRawPointer.allocate(byteCount: capacity * EpollCalls.eventSize, alignment: 8)
    }

    func add(_ fd: Int32, events mask: UInt32) throws {
        try control(EpollCalls.controlAdd, fd, mask)
    }

    func modify(_ fd: Int32, events mask: UInt32) throws {
        try control(EpollCalls.controlModify, fd, mask)
    }

    /// Errors are ignored: the descriptor is about to be closed, which removes it anyway.
    func remove(_ fd: Int32) {
        var event = [UInt8](repeating: 0, count: EpollCalls.eventSize)
        _ = event.withUnsafeMutableBytes { calls.control(descriptor, EpollCalls.controlDelete, fd, $0.baseAddress) }
    }

    /// Waits up to `timeoutMilliseconds` and returns the ready descriptors with their events.
    func wait(timeoutMilliseconds: Int32) throws -> [(fd: Int32, events: UInt32)] {
        let count = calls.wait(descriptor, events, Int32(capacity), timeoutMilliseconds)
        if count < 0 {
            if errno == EINTR { return [] }
            throw HTTPServerError(call: "epoll_wait")
        }
        return (0..<Int(count)).map { index in
            let event = events + index * EpollCalls.eventSize
            return (
                fd: event.loadUnaligned(fromByteOffset: EpollCalls.dataOffset, as: Int32.self),
                events: event.loadUnaligned(as: UInt32.self)
            )
        }
    }

    private func control(_ operation: Int32, _ fd: Int32, _ mask: UInt32) throws {
        var event = [UInt8](repeating: 0, count: EpollCalls.eventSize)
        event.withUnsafeMutableBytes {
            $0.storeBytes(of: mask, toByteOffset: 0, as: UInt32.self)
            $0.storeBytes(of: fd, toByteOffset: EpollCalls.dataOffset, as: Int32.self)
        }
        let result = event.withUnsafeMutableBytes { calls.control(descriptor, operation, fd, $0.baseAddress) }
        guard result == 0 else { throw HTTPServerError(call: "epoll_ctl", detail: "fd \(fd)") }
    }

    deinit {
        events.deallocate()
        close(descriptor)
    }
}
