import Claims
import Foundation
import Documents
import HTTP
import Storage

/// PoE bytes, to the claim's organization and to reviewers only, as a download; with `inline`, a
/// PDF or image (by its bytes, checked again here) is shown in place instead, sandboxed by its own
/// policy so it never runs inside our origin (see `DocumentPreview`).
struct DocumentsController: Sendable {
    let updates: ClaimUpdates
    let documents: any DocumentContentStore
    let log: @Sendable (String) -> Void

    func download(_ claimID: ClaimID, _ documentID: DocumentID, inline: Bool, context: RequestContext) throws -> HTTPResponse {
        guard let actor = context.actor else { throw HTTPError(.forbidden) }
        let claim = try updates.visibleClaim(claimID, to: actor, comments: false)
        guard let document = claim.evidence.first(where: { $0.id == documentID }),
              DocumentFiles.isDigest(document.sha256) else { throw HTTPError.notFound }
        guard let path = try documents.file(sha256: document.sha256) else {
            log("error: document \(documentID) of \(claimID) is missing its bytes (\(document.sha256))")
            throw HTTPError.notFound
        }
        if inline, let type = try FileSignature.documentType(ofFileAt: path), DocumentPreview.types.contains(type) {
            var response = HTTPResponse.file(path: path, length: document.size, contentType: type.contentType)
            response.headers.set("Content-Disposition", ContentDisposition.inline(filename: document.filename))
            response.headers.set("Content-Security-Policy", DocumentPreview.contentSecurityPolicy)
            response.headers.set("Cache-Control", "private, no-store")
            return response
        }
        var response = HTTPResponse.file(path: path, length: document.size, contentType: document.contentType)
        response.headers.set("Content-Disposition", ContentDisposition.attachment(filename: document.filename))
        response.headers.set("Cache-Control", "private, no-store")
        return response
    }
}
