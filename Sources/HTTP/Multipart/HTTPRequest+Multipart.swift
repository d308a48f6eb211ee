// Uploads: the body as `multipart/form-data`, with file parts streamed to disk.
extension HTTPRequest {
    /// The body's parts; see `MultipartFormData.parse` for the errors and who owns the files.
    public func multipartParts(limits: MultipartLimits = MultipartLimits(), spoolDirectory: String) throws -> [MultipartPart] {
        try MultipartFormData.parse(body, contentType: headers["Content-Type"] ?? "", limits: limits, spoolDirectory: spoolDirectory)
    }
}
