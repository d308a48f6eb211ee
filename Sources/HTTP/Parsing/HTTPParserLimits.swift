/// Size limits the parser enforces while reading, so an oversized request is refused before it is buffered.
public struct HTTPParserLimits: Sendable, Equatable {
    public var maxRequestLineBytes: Int
    /// The field lines of the header section (and of a chunked trailer section), CRLFs included.
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int
    /// A chunk-size line with extensions; generous, since extensions are ignored anyway.
    public var maxChunkLineBytes: Int

    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 32 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 25 * 1024 * 1024,
        maxChunkLineBytes: Int = 4 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkLineBytes = maxChunkLineBytes
    }
}
