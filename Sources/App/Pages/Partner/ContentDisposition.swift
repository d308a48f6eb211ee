/// `Content-Disposition: attachment` with the filename in both forms of RFC 6266: a plain ASCII
/// fallback for old clients and `filename*` (RFC 8187) with the exact UTF-8 name.
enum ContentDisposition {
    static func attachment(filename: String) -> String {
        let fallback = String(filename.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\"
                && scalar != ";" ? Character(scalar) : "_"
        })
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(percentEncodePathSegment(filename))"
    }
}
