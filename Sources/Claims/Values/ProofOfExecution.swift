import Foundation

/// One uploaded proof-of-execution document. Only metadata lives on the claim; the bytes are
/// stored elsewhere under `id`. Every upload is kept — a new file never replaces an old one.
public struct ProofOfExecution: Hashable, Codable, Sendable {
    public let id: DocumentID
    public let filename: String
    public let contentType: String
    public let size: Int
    /// Lowercase hex SHA-256 of the bytes, so a reviewer can tell identical re-uploads apart.
    public let sha256: String
    public let uploadedBy: Actor
    public let uploadedAt: Date

    public init(_ upload: Upload, uploadedBy: Actor, uploadedAt: Date) {
        id = upload.id
        filename = upload.filename
        contentType = upload.contentType
        size = upload.size
        sha256 = upload.sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }

    /// What the uploader supplies; who and when are added by the workflow.
    public struct Upload: Hashable, Codable, Sendable {
        public let id: DocumentID
        public let filename: String
        public let contentType: String
        public let size: Int
        public let sha256: String

        public init(id: DocumentID, filename: String, contentType: String, size: Int, sha256: String) {
            self.id = id
            self.filename = filename
            self.contentType = contentType
            self.size = size
            self.sha256 = sha256.lowercased()
        }

        /// An empty file or a malformed digest means the upload went wrong before it reached us.
        var isWellFormed: Bool {
            !filename.trimmingWhitespace.isEmpty && filename.count <= 255
                && !contentType.trimmingWhitespace.isEmpty
                && size > 0
                && sha256.count == 64 && sha256.allSatisfy(\.isHexDigit)
        }
    }
}
