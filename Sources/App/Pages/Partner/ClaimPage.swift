import HTTP

/// The pages under one claim's address, `/claims/<id>/<page>`. Actions that change the claim
/// answer GET with a page that asks for confirmation and POST by doing it.
public enum ClaimPage: String, CaseIterable, Sendable {
    case show = ""
    case edit
    case history
    case documents
    case comments
    case submit
    case respond
    case withdraw
    case disassociate
    case dispute

    var allowedMethods: [String] {
        switch self {
        case .show, .history: ["GET", "HEAD"]
        case .documents, .comments: ["POST"]
        case .edit, .submit, .respond, .withdraw, .disassociate, .dispute: ["GET", "HEAD", "POST"]
        }
    }

    /// Pages whose form uploads files, so their POST body is multipart.
    var acceptsUploads: Bool { [.documents, .respond, .dispute].contains(self) }
}

/// A path segment with everything outside RFC 3986's unreserved characters escaped.
func percentEncodePathSegment(_ segment: String) -> String {
    FormURLEncoded.encodeComponent(segment).replacingOccurrences(of: "+", with: "%20")
}
