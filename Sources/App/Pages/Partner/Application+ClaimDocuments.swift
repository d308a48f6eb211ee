import Claims
import Documents
import Foundation
import HTTP
import Storage

extension Application {
    /// A file that passed the checks, ready to be added to a claim.
    struct AcceptedUpload {
        let file: MultipartFile
        let upload: ProofOfExecution.Upload
    }

    /// Checks each file by its bytes: not empty, and one of the accepted document types whatever
    /// its name says. The stored content type is the one the bytes prove, never the declared one.
    func acceptUploads(_ files: [MultipartFile]) throws -> Result<[AcceptedUpload], UploadProblem> {
        var accepted: [AcceptedUpload] = []
        for file in files {
            guard file.size > 0 else {
                return .failure(UploadProblem(status: 422, messageKey: "partner.upload.empty", arguments: ["filename": file.filename]))
            }
            guard let type = try FileSignature.documentType(ofFileAt: file.path) else {
                return .failure(UploadProblem(status: 415, messageKey: "partner.upload.wrong_type", arguments: ["filename": file.filename]))
            }
            accepted.append(AcceptedUpload(file: file, upload: ProofOfExecution.Upload(
                id: DocumentID("D-" + random.token(bits: 96)), filename: file.filename, contentType: type.contentType,
                size: file.size, sha256: file.sha256Hex)))
        }
        return .success(accepted)
    }

    /// The PoE files a form carried, each checked as above, or why they cannot be taken (including
    /// a body that could not be read: too large, cut off, not a form).
    func acceptUploads(in context: RequestContext) throws -> Result<[AcceptedUpload], UploadProblem> {
        if let error = context.formError {
            return .failure(UploadProblem.from(error, maxFileBytes: configuration.uploadLimits.maxFileBytes))
        }
        return try acceptUploads(context.form?.files("documents") ?? [])
    }

    /// Moves accepted files into document storage. Called inside the claim's transaction, after
    /// the domain accepted them, so a refused upload leaves no file behind and a stored claim
    /// never points at missing bytes.
    func store(_ uploads: [AcceptedUpload], form: SubmittedForm?) throws {
        for accepted in uploads {
            try documents.store(temporaryPath: accepted.file.path, sha256: accepted.upload.sha256)
            form?.take(accepted.file)
        }
    }

    func uploadProblemText(_ problem: UploadProblem, _ l: Localizer) -> String { l(problem.messageKey, problem.arguments) }

    func uploadDocuments(_ claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        func refuse(_ problem: UploadProblem) throws -> HTTPResponse {
            try showClaim(claim, input: ClaimPageInput(status: problem.status, uploadError: uploadProblemText(problem, l)), context: context)
        }
        if context.formError == nil, context.form?.files("documents").isEmpty ?? true {
            return try refuse(UploadProblem(status: 422, messageKey: "partner.upload.none", arguments: [:]))
        }
        let uploads: [AcceptedUpload]
        switch try acceptUploads(in: context) {
        case .success(let accepted): uploads = accepted
        case .failure(let problem): return try refuse(problem)
        }
        do {
            // Uploads only add to the claim, so they go in whatever changed since the page was read.
            try perform(uploads.map { .addProofOfExecution($0.upload) }, on: claim.id, version: nil, actor: actor) {
                try store(uploads, form: context.form)
            }
            return .redirect(to: Route.claim(claim.id, .show).path + "?done=uploaded#documents")
        } catch let error as ClaimError {
            let current = try claims.claim(claim.id) ?? claim
            return try showClaim(current, input: ClaimPageInput(status: error.httpStatus,
                                                                uploadError: l.message(error, dates: dates)), context: context)
        }
    }

    /// PoE bytes, to the claim's organization and to reviewers only, as a download; with
    /// `?inline=1`, a PDF or image (by its bytes, checked again here) is shown in place instead,
    /// sandboxed by its own policy so it never runs inside our origin (see `DocumentPreview`).
    func downloadDocument(_ claimID: ClaimID, _ documentID: DocumentID, actor: Actor,
                          context: RequestContext) throws -> HTTPResponse {
        guard let claim = try claims.claim(claimID), claim.isVisible(to: actor),
              let document = claim.evidence.first(where: { $0.id == documentID }),
              let path = documents.path(sha256: document.sha256) else {
            return errorPage(status: 404, context: context)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            log("error: document \(documentID) of \(claimID) is missing its bytes at \(path)")
            return errorPage(status: 404, context: context)
        }
        if context.request.queryItem("inline") == "1", let type = try FileSignature.documentType(ofFileAt: path),
           DocumentPreview.types.contains(type) {
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
