/// The kinds of proof-of-execution document the service accepts, as identified by
/// `FileSignature` from their bytes.
public enum DocumentType: String, CaseIterable, Sendable {
    case pdf, png, jpeg, docx, xlsx, msg, eml

    /// The canonical media type, to store and to send back on download instead of whatever
    /// the client declared.
    public var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .msg: return "application/vnd.ms-outlook"
        case .eml: return "message/rfc822"
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: return "jpg"
        default: return rawValue
        }
    }
}
