import Foundation

/// Just enough of a MIME reader to check what `MailMessage.rendered()` wrote: unfolded header
/// fields, and the parts of a multipart body. Accepts CRLF or LF, since a maildir written by
/// another program may have either.
struct ParsedMail {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var fields: [(name: String, value: String)]
    var body: String

    init(_ bytes: [UInt8]) throws {
        try self.init(String(decoding: bytes, as: UTF8.self))
    }

    init(_ text: String) throws {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalized.range(of: "\n\n") else { throw Failure(description: "no blank line after the header") }
        var fields: [(name: String, value: String)] = []
        for line in normalized[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t" {
                guard !fields.isEmpty else { throw Failure(description: "continuation before any field") }
                fields[fields.count - 1].value += line  // unfolding removes only the line break
            } else {
                guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "not a field: \(line)") }
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
            }
        }
        self.fields = fields
        body = String(normalized[split.upperBound...])
    }

    subscript(name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func all(_ name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The boundary parameter of a multipart Content-Type.
    var boundary: String? {
        guard let type = self["Content-Type"], let range = type.range(of: "boundary=") else { return nil }
        var value = type[range.upperBound...]
        if value.first == "\"" { value = value.dropFirst().prefix { $0 != "\"" } }
        return String(value.prefix { $0 != ";" })
    }

    /// The body parts between the boundary lines, each parsed in turn.
    func parts() throws -> [ParsedMail] {
        guard let boundary else { throw Failure(description: "not multipart") }
        let delimiter = "\n--\(boundary)"
        let pieces = ("\n" + body).components(separatedBy: delimiter)
        guard pieces.count >= 3, pieces.last!.hasPrefix("--") else { throw Failure(description: "no closing boundary") }
        return try pieces.dropFirst().dropLast().map { piece in
            guard piece.hasPrefix("\n") else { throw Failure(description: "boundary not alone on its line") }
            return try ParsedMail(String(piece.dropFirst()))
        }
    }

    /// The body decoded per Content-Transfer-Encoding, with CRLF line endings.
    func decodedBody() throws -> String {
        guard self["Content-Transfer-Encoding"]?.lowercased() == "quoted-printable" else { return body }
        return try QuotedPrintableDecoder.decode(body.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
