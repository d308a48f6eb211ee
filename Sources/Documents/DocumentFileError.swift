#if canImport(Glibc)
import Glibc
#endif

/// A failed file-system call on a document, with its errno for the log.
public struct DocumentFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let path: String
    public let code: Int32

    public var description: String { "\(call) \(path): \(String(cString: strerror(code)))" }
}
