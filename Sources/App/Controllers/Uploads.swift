import Claims
import Foundation
import Documents
import HTTP
import Secrets
import Storage

/// PoE files from a form: checked by their bytes, then moved into document storage once the
/// domain has accepted them, before the claim's change commits.
struct Uploads: Sendable {
    let documents: any DocumentContentStore
    let limits: MultipartLimits
    let random: SecureRandom

    /// A file that passed the checks, ready to be added to a claim.
    struct Accepted {
        let file: MultipartFile
        let upload: ProofOfExecution.Upload
    }

    /// The files sent as `documents`, each checked: not empty, and one of the accepted document
    /// types whatever its name says (the stored content type is the one the bytes prove). Throws an
    /// `UploadProblem` for the first file refused, or for a body that could not be read at all.
    /// Each accepted file is prepared for storage here (synced to disk), so that storing it later
    /// only has to link it into place.
    func accept(_ context: RequestContext) throws -> [Accepted] {
        if let error = context.formError { throw UploadProblem.from(error, maxFileBytes: limits.maxFileBytes, dates: context.localizer.dates) }
        var accepted: [Accepted] = []
        for file in context.form.files("documents") {
            guard file.size > 0 else {
                throw UploadProblem(status: .unprocessableContent, messageKey: "partner.upload.empty", arguments: ["filename": file.filename])
            }
            guard let type = try FileSignature.documentType(ofFileAt: file.path) else {
                throw UploadProblem(status: .unsupportedMediaType, messageKey: "partner.upload.wrong_type", arguments: ["filename": file.filename])
            }
            accepted.append(Accepted(file: file, upload: ProofOfExecution.Upload(
                id: DocumentID("D-" + random.token(bits: 96)), filename: Self.filename(file.filename, as: type),
                contentType: type.contentType, size: file.size, sha256: file.sha256Hex)))
        }
        for file in accepted { try documents.prepare(temporaryPath: file.file.path, sha256: file.upload.sha256) }
        return accepted
    }

    /// Moves accepted files into storage. Called after the domain accepted them and before the
    /// claim's change commits, so a refused upload leaves no file behind and a stored claim never
    /// points at missing bytes.
    func store(_ uploads: [Accepted], from form: SubmittedForm) throws {
        for accepted in uploads {
            // `accept` prepared each file it accepted.
            try documents.storePrepared(temporaryPath: accepted.file.path, sha256: accepted.upload.sha256)
            form.take(accepted.file)
        }
    }

    var maxFileBytes: Int { limits.maxFileBytes }

    /// The name a file is kept and served under: the user's base name with the extension of the type
    /// its bytes prove, so `evil.exe` or `x.html` holding a PDF is `evil.pdf` or `x.pdf` and no
    /// download opens as something it is not.
    static func filename(_ name: String, as type: DocumentType) -> String {
        var base = Substring(name)
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        base = base.drop { $0 == "." }
        return (base.isEmpty ? "document" : String(base)) + "." + type.fileExtension
    }
}
