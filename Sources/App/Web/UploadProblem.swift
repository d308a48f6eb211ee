import HTTP

/// Why uploaded files were refused, with the status that says so and the message for the form.
struct UploadProblem: Error {
    let status: HTTPStatus
    let messageKey: String
    let arguments: [String: String]

    static func from(_ error: MultipartError, maxFileBytes: Int, dates: DateDisplay) -> UploadProblem {
        let limit = ["limit": dates.byteCount(Int64(maxFileBytes))]
        return switch error.kind {
        case .fileTooLarge(_, let filename):
            UploadProblem(status: 413, messageKey: "partner.upload.too_large", arguments: limit.merging(["filename": filename]) { a, _ in a })
        case .tooManyParts, .headerTooLarge, .fieldTooLarge:
            UploadProblem(status: 413, messageKey: "partner.upload.too_much", arguments: limit)
        case .notFormData:
            UploadProblem(status: 415, messageKey: "partner.upload.not_form_data", arguments: [:])
        case .missingBoundary, .malformed, .missingFinalBoundary:
            UploadProblem(status: 400, messageKey: "partner.upload.incomplete", arguments: [:])
        }
    }
}

extension MultipartError {
    /// For a multipart body sent to a page that takes no uploads: the general reason, on an error page.
    var pageMessageKey: String {
        switch status {
        case 413: "partner.upload.page.too_large"
        case 415: "partner.upload.not_form_data"
        default: "partner.upload.incomplete"
        }
    }
}
