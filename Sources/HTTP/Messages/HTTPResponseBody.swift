/// What a response carries. `.file` is streamed from disk by the server in chunks.
public enum HTTPResponseBody: Sendable, Equatable {
    case bytes([UInt8])
    case file(path: String, length: Int)

    public var count: Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .file(_, let length): return length
        }
    }
}
