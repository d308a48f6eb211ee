/// What a response carries. `.file` and `.spooled` are streamed from disk by the server in chunks.
public enum HTTPResponseBody: Sendable, Equatable {
    case bytes([UInt8])
    case file(path: String, length: Int)
    /// A body made in a `ResponseSpool`.
    case spooled(SpooledFile)

    public var count: Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .file(_, let length): return length
        case .spooled(let file): return file.length
        }
    }
}
