#if canImport(Glibc)
import Glibc
#endif

/// A request body. Large uploads arrive as `.file` so they are never held whole in memory;
/// the server deletes that file once the response has been sent.
public enum HTTPBody: Sendable, Equatable {
    case empty
    case bytes([UInt8])
    case file(path: String, length: Int)

    public var count: Int {
        switch self {
        case .empty: return 0
        case .bytes(let bytes): return bytes.count
        case .file(_, let length): return length
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The whole body in memory. Prefer `forEachChunk` for `.file` bodies of unknown size.
    public func readAll() throws -> [UInt8] {
        switch self {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .file:
            var all: [UInt8] = []
            all.reserveCapacity(count)
            try forEachChunk { all.append(contentsOf: $0) }
            return all
        }
    }

    /// Calls `body` with successive pieces of at most `chunkSize` bytes, reading files from disk
    /// as it goes so memory use stays bounded.
    public func forEachChunk(chunkSize: Int = 64 * 1024, _ body: ([UInt8]) throws -> Void) throws {
        switch self {
        case .empty:
            return
        case .bytes(let bytes):
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunkSize, bytes.count)
                try body(Array(bytes[offset..<end]))
                offset = end
            }
        case .file(let path, let length):
            let file = try ReadableFile(path: path)
            var remaining = length
            while remaining > 0 {
                let chunk = try file.read(upTo: min(chunkSize, remaining))
                guard !chunk.isEmpty else {
                    throw HTTPServerError(call: "read", errno: EIO, detail: "\(path) is shorter than \(length) bytes")
                }
                remaining -= chunk.count
                try body(chunk)
            }
        }
    }
}
