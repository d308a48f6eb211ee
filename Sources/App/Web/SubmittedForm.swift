import HTTP

/// The fields (and, for an upload, the files) of a POST body, read once before routing so the
/// CSRF check and the handler see the same values. Uploaded files sit in temporary files until a
/// handler takes them; whatever is not taken is deleted when the request ends.
final class SubmittedForm {
    let fields: [(String, String)]
    private let uploadedFiles: [MultipartFile]
    private var taken: Set<String> = []

    init(fields: [(String, String)], files: [MultipartFile] = []) {
        self.fields = fields
        self.uploadedFiles = files
    }

    /// `application/x-www-form-urlencoded` or `multipart/form-data`, by the request's Content-Type.
    static func read(_ request: HTTPRequest, limits: MultipartLimits, spoolDirectory: String) throws -> SubmittedForm {
        let contentType = request.headers["Content-Type"] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/") else {
            return SubmittedForm(fields: try request.formFields())
        }
        let parts = try request.multipartParts(limits: limits, spoolDirectory: spoolDirectory)
        var fields: [(String, String)] = []
        for case .field(let name, let value) in parts { fields.append((name, value)) }
        return SubmittedForm(fields: fields, files: parts.files)
    }

    func field(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// The field's text, empty when the form did not send it.
    func text(_ name: String) -> String { field(name) ?? "" }

    func values(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }

    /// Files sent as `name`, leaving out the empty part a browser sends for a file input left blank.
    func files(_ name: String) -> [MultipartFile] {
        uploadedFiles.filter { file in
            file.name == name && !(file.size == 0 && file.filename == "upload" && file.declaredContentType == "application/octet-stream")
        }
    }

    /// The handler has moved this file into storage (or deleted it); it is no longer ours to remove.
    func take(_ file: MultipartFile) { taken.insert(file.path) }

    func removeUntakenFiles() {
        for file in uploadedFiles where !taken.contains(file.path) { file.removeTemporaryFile() }
    }
}
