#if canImport(Glibc)
import Glibc
#endif

/// The system calls behind the server's temporary files (request bodies, uploads, spooled
/// responses): a new file of a unique name, and writes that finish whatever the kernel takes.
enum TemporaryFile {
    /// A new file `<directory>/<prefix>XXXXXX`, open for reading and writing, closed on exec.
    static func create(in directory: String, prefix: String) throws -> (descriptor: Int32, path: String) {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        var template = Array((base + prefix + "XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw HTTPServerError(call: "mkstemp", detail: base) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return (fd, String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Writes all of `buffer`, retrying short writes and interruptions.
    static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
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
}
