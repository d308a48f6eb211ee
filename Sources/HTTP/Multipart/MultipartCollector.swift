/// Turns parser events into fields and spooled files, enforcing the per-part size limits.
/// Owns every file it writes until `parts` is handed to the caller; `removeFiles()` undoes them.
final class MultipartCollector {
    private enum Current {
        case field(name: String, value: [UInt8])
        case file(MultipartPartHead, SpooledUpload)
    }

    private let limits: MultipartLimits
    private let spoolDirectory: String
    private(set) var parts: [MultipartPart] = []
    private var current: Current?

    init(limits: MultipartLimits, spoolDirectory: String) {
        self.limits = limits
        self.spoolDirectory = spoolDirectory
    }

    func handle(_ event: MultipartParser.Event) throws {
        switch event {
        case .partBegan(let head):
            if head.filename != nil {
                current = .file(head, try SpooledUpload(directory: spoolDirectory))
            } else {
                current = .field(name: head.name, value: [])
            }
        case .content(let bytes):
            switch current {
            case .field(let name, var value)?:
                guard value.count + bytes.count <= limits.maxFieldBytes else {
                    throw MultipartError(.fieldTooLarge(field: name), reason: "field \(name) over \(limits.maxFieldBytes) bytes")
                }
                current = nil // so the append below does not copy the value
                value += bytes
                current = .field(name: name, value: value)
            case .file(let head, let upload)?:
                guard upload.size + bytes.count <= limits.maxFileBytes else {
                    let filename = MultipartFile.sanitisedFilename(head.filename ?? "")
                    throw MultipartError(
                        .fileTooLarge(field: head.name, filename: filename),
                        reason: "file \(filename) in field \(head.name) over \(limits.maxFileBytes) bytes"
                    )
                }
                try upload.append(bytes)
            case nil:
                break
            }
        case .partEnded:
            switch current {
            case .field(let name, let value)?:
                parts.append(.field(name: name, value: String(decoding: value, as: UTF8.self)))
            case .file(let head, let upload)?:
                let sha256Hex = try upload.finish()
                parts.append(.file(MultipartFile(
                    name: head.name,
                    filename: MultipartFile.sanitisedFilename(head.filename ?? ""),
                    declaredContentType: head.contentType,
                    path: upload.path,
                    size: upload.size,
                    sha256Hex: sha256Hex
                )))
            case nil:
                break
            }
            current = nil
        }
    }

    /// Deletes every file written so far, including one still being written.
    func removeFiles() {
        if case .file(_, let upload)? = current { upload.remove() }
        current = nil
        parts.removeTemporaryFiles()
    }
}
