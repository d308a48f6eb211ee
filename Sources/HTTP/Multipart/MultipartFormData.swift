/// `multipart/form-data` request bodies (RFC 7578), the encoding browsers use for forms that
/// upload files.
public enum MultipartFormData {
    /// The `boundary` parameter of a `multipart/*` Content-Type, quoted or not; nil when it is
    /// missing or not 1–70 characters from the set RFC 2046 §5.1.1 allows.
    public static func boundary(fromContentType contentType: String) -> String? {
        guard let parsed = ParameterizedHeaderValue(contentType), parsed.value.hasPrefix("multipart/"),
              let boundary = parsed["boundary"] else { return nil }
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.allSatisfy(isBoundaryChar), bytes.last != ASCII.space else {
            return nil
        }
        return boundary
    }

    /// The parts of `body` in the order sent. File parts are streamed to new files in
    /// `spoolDirectory`, which the caller then owns (see `MultipartFile`); `body` is read
    /// `chunkSize` bytes at a time, so memory use does not grow with the size of the files.
    ///
    /// Throws `MultipartError` for a body that is malformed or over `limits`, and
    /// `HTTPServerError` when the body or the spool directory cannot be read or written. On any
    /// error the files already written are deleted.
    public static func parse(
        _ body: HTTPBody,
        contentType: String,
        limits: MultipartLimits = MultipartLimits(),
        spoolDirectory: String,
        chunkSize: Int = 64 * 1024
    ) throws -> [MultipartPart] {
        precondition(chunkSize > 0, "chunkSize must be positive")
        guard ParameterizedHeaderValue(contentType)?.value == "multipart/form-data" else {
            throw MultipartError(.notFormData, reason: "Content-Type is not multipart/form-data: \(contentType)")
        }
        guard let boundary = boundary(fromContentType: contentType) else {
            throw MultipartError(.missingBoundary, reason: "Content-Type has no valid boundary: \(contentType)")
        }
        var parser = MultipartParser(boundary: boundary, limits: limits)
        let collector = MultipartCollector(limits: limits, spoolDirectory: spoolDirectory)
        do {
            try body.forEachChunk(chunkSize: chunkSize) { chunk in
                try parser.consume(chunk, collector.handle)
            }
            try parser.finish()
            return collector.parts
        } catch var error as MultipartError {
            collector.removeFiles()
            for case .field(let name, let value) in collector.parts { error.fieldsRead.append((name, value)) }
            throw error
        } catch {
            collector.removeFiles()
            throw error
        }
    }

    /// bchars: digits, letters, space and `'()+_,-./:=?`.
    private static func isBoundaryChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "_"),
             UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: "="), UInt8(ascii: "?"), ASCII.space:
            return true
        default: return false
        }
    }
}
