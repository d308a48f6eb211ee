#if canImport(Glibc)
import Glibc
#endif

/// The epoll system calls and constants.
///
/// Swift's Glibc module map leaves out <sys/epoll.h>, and this module takes no C targets, so
/// the three functions are looked up in the C library at run time and the kernel ABI constants
/// are spelled out here, in one place.
struct EpollCalls {
    typealias Create = @convention(c) (Int32) -> Int32
    typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32

    static let eventIn: UInt32 = 0x001
    static let eventOut: UInt32 = 0x004
    static let eventError: UInt32 = 0x008
    static let eventHangUp: UInt32 = 0x010
    static let eventReadHangUp: UInt32 = 0x2000

    static let controlAdd: Int32 = 1
    static let controlDelete: Int32 = 2
    static let controlModify: Int32 = 3

    /// EPOLL_CLOEXEC shares its value with O_CLOEXEC.
    static let createCloseOnExec = Int32(O_CLOEXEC)

    /// `struct epoll_event` is packed on x86-64 (4-byte events, 8-byte data) and naturally
    /// aligned elsewhere.
    #if arch(x86_64)
    static let eventSize = 12
    static let dataOffset = 4
    #else
    static let eventSize = 16
    static let dataOffset = 8
    #endif

    let create: Create
    let control: Control
    let wait: Wait

    init() throws {
        func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
            guard let address = dlsym(nil, name) else {
                throw HTTPServerError(call: "dlsym", errno: ENOSYS, detail: name)
            }
            return address
        }
        create = unsafeBitCast(try symbol("epoll_create1"), to: Create.self)
        control = unsafeBitCast(try symbol("epoll_ctl"), to: Control.self)
        wait = unsafeBitCast(try symbol("epoll_wait"), to: Wait.self)
    }
}
