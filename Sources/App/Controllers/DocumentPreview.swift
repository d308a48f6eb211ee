import Documents
import HTTP

/// Which PoE files a browser may show in place (`?inline=1`) rather than download, and the policy
/// they are shown under. Only types browsers render without running anything of the file's own,
/// identified again from the bytes when served; the file gets a sandbox of its own, so even a
/// crafted one cannot script our origin, load anything, or reach the user's session.
enum DocumentPreview {
    static let types: Set<DocumentType> = [.pdf, .png, .jpeg]

    static let contentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"

    /// Whether a document stored as `contentType` gets a preview link.
    static func isPreviewable(contentType: String) -> Bool {
        types.contains { $0.contentType == contentType }
    }
}
