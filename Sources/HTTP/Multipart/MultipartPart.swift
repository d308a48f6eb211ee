/// One part of a `multipart/form-data` body, in the order the client sent it.
public enum MultipartPart: Sendable, Equatable {
    /// A form field without a filename; the value is decoded as UTF-8.
    case field(name: String, value: String)
    /// An uploaded file, already on disk.
    case file(MultipartFile)

    /// The form field name, which repeats when a form sends several values or files under one name.
    public var name: String {
        switch self {
        case .field(let name, _): return name
        case .file(let file): return file.name
        }
    }
}

extension Array where Element == MultipartPart {
    /// The first text value sent as `name`.
    public func field(_ name: String) -> String? {
        for case .field(name, let value) in self { return value }
        return nil
    }

    public var files: [MultipartFile] {
        compactMap { part in
            if case .file(let file) = part { return file }
            return nil
        }
    }

    /// Deletes every file's temporary copy; for when the request is refused after parsing.
    public func removeTemporaryFiles() {
        for file in files { file.removeTemporaryFile() }
    }
}
