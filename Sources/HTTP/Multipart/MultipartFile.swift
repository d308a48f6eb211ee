#if canImport(Glibc)
import Glibc
#endif

/// A file part streamed to a temporary file. The caller owns that file: move it into storage
/// or delete it with `removeTemporaryFile()`; nothing else cleans it up.
public struct MultipartFile: Sendable, Equatable {
    /// The form field name.
    public var name: String
    /// The client's filename reduced to a safe base name; see `sanitisedFilename(_:)`.
    public var filename: String
    /// The part's Content-Type as sent. The client chooses it, so never trust it for the file's
    /// real type: tell that from the content.
    public var declaredContentType: String?
    /// Where the content was written, inside the spool directory given to the parser.
    public var path: String
    public var size: Int
    /// SHA-256 of the content in lowercase hex, computed while the part was written.
    public var sha256Hex: String

    public init(name: String, filename: String, declaredContentType: String?, path: String, size: Int, sha256Hex: String) {
        self.name = name
        self.filename = filename
        self.declaredContentType = declaredContentType
        self.path = path
        self.size = size
        self.sha256Hex = sha256Hex
    }

    public func removeTemporaryFile() {
        unlink(path)
    }
}
