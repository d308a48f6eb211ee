/// `Content-Disposition: attachment` (or `inline`) with the filename in both forms of RFC 6266: a
/// plain ASCII fallback for old clients and `filename*` (RFC 8187) with the exact UTF-8 name.
enum ContentDisposition {
    static func attachment(filename: String) -> String { header("attachment", filename: filename) }

    /// Shown in place, but saved under `filename` if the user saves it.
    static func inline(filename: String) -> String { header("inline", filename: filename) }

    private static func header(_ kind: String, filename: String) -> String {
        let fallback = String(filename.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\"
                && scalar != ";" ? Character(scalar) : "_"
        })
        return "\(kind); filename=\"\(fallback)\"; filename*=UTF-8''\(PathSegment.encode(filename))"
    }
}
