import HTTP

/// The pages under one claim's address, `/claims/<id>/<page>` (the claim itself is `Route.claim`).
/// Actions that change the claim answer GET with a page that asks for confirmation and POST by doing it.
enum ClaimPage: String, CaseIterable, Sendable {
    case edit
    case history
    case documents
    case comments
    case submit
    case respond
    case withdraw
    case disassociate
    case dispute

    var methods: [HTTPMethod] {
        switch self {
        case .history: [.get, .head]
        case .documents, .comments: [.post]
        case .edit, .submit, .respond, .withdraw, .disassociate, .dispute: [.get, .head, .post]
        }
    }

    /// Pages whose form uploads files, so their POST body is multipart.
    var acceptsUploads: Bool { [.documents, .respond, .dispute].contains(self) }
}
