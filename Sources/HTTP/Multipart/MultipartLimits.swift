/// What one `multipart/form-data` body may contain. Every limit is checked while the body is
/// read, so an oversized part is refused before it is buffered or written out in full.
public struct MultipartLimits: Sendable, Equatable {
    public var maxParts: Int
    /// The value of one part that is not a file, in bytes.
    public var maxFieldBytes: Int
    /// The content of one file part, in bytes.
    public var maxFileBytes: Int
    /// The header section of one part, CRLFs included.
    public var maxHeaderBytes: Int

    public init(
        maxParts: Int = 50,
        maxFieldBytes: Int = 64 * 1024,
        maxFileBytes: Int = 10 * 1024 * 1024,
        maxHeaderBytes: Int = 8 * 1024
    ) {
        self.maxParts = maxParts
        self.maxFieldBytes = maxFieldBytes
        self.maxFileBytes = maxFileBytes
        self.maxHeaderBytes = maxHeaderBytes
    }
}
