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
        (descriptor, path) = try TemporaryFile.create(in: directory, prefix: "request-body-")
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try TemporaryFile.write($0, to: descriptor, path: path ?? "") }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
