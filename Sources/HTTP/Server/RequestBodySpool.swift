#if canImport(Glibc)
import Glibc
#endif

/// Collects a request body as it arrives: in memory while small, in a temporary file once it
/// passes the threshold, so a large upload never sits whole in memory. Used only on the event
/// loop thread; the file is removed by `removeFile()` once the response has been sent.
final class RequestBodySpool {
    private let threshold: Int
    private let directory: String
    private var memory: [UInt8] = []
    private var descriptor: Int32 = -1
    private(set) var path: String?
    private(set) var count = 0

    init(threshold: Int, directory: String, expectedLength: Int?) throws {
        self.threshold = threshold
        self.directory = directory
        if let expectedLength, expectedLength > threshold {
            try openFile()
        }
    }

    func append(_ bytes: [UInt8]) throws {
        count += bytes.count
        if descriptor < 0 && count > threshold {
            try openFile()
            try write(memory)
            memory = []
        }
        if descriptor >= 0 {
            try write(bytes)
        } else {
            memory += bytes
        }
    }

    /// The complete body. The file, if any, stays on disk for the handler to read.
    func finish() throws -> HTTPBody {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if let path { return .file(path: path, length: count) }
        return memory.isEmpty ? .empty : .bytes(memory)
    }

    func removeFile() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if let path {
            unlink(path)
            self.path = nil
        }
    }

    private func openFile() throws {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        var template = Array((base + "request-body-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw HTTPServerError(call: "mkstemp", detail: base) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw HTTPServerError(call: "write", detail: path ?? "")
            }
            offset += written
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
