#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call, its errno and the system's text for it.
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var message: String
    /// What the call was working on, such as a path or address, when that helps the reader of a log.
    public var detail: String

    /// Captures the current `errno`, so create it immediately after the failing call.
    public init(call: String, errno code: Int32 = Glibc.errno, detail: String = "") {
        self.call = call
        self.errno = code
        self.message = String(cString: strerror(code))
        self.detail = detail
    }

    public var description: String {
        let subject = detail.isEmpty ? "" : " (\(detail))"
        return "\(call) failed\(subject): \(message) [errno \(errno)]"
    }
}
