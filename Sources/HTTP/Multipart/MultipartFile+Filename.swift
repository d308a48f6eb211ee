// Client filenames are shown to reviewers and offered back on download, so they are reduced to
// something that cannot name another directory, hide its extension or break a header.
extension MultipartFile {
    public static let maxFilenameCharacters = 200
    /// Most file systems refuse names over 255 bytes.
    public static let maxFilenameBytes = 255
    static let fallbackFilename = "upload"

    /// The last path component of `raw` (either slash, since Windows clients send `C:\dir\a.pdf`),
    /// without control or invisible formatting characters (such as the right-to-left override
    /// that makes `evil‮fdp.exe` read as `evilexe.pdf`), trimmed and shortened to fit the limits
    /// while keeping a short extension. "upload" when nothing usable is left.
    public static func sanitisedFilename(_ raw: String) -> String {
        let base = raw.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }.last ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in base.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                continue
            default:
                scalars.append(scalar)
            }
        }
        let name = String(scalars).trimmingCharacters(whereIn: { $0.properties.isWhitespace })
        guard !name.isEmpty, name != ".", name != ".." else { return fallbackFilename }
        return shortened(name)
    }

    private static func shortened(_ name: String) -> String {
        func fits(_ candidate: Substring) -> Bool {
            candidate.count <= maxFilenameCharacters && candidate.utf8.count <= maxFilenameBytes
        }
        guard !fits(name[...]) else { return name }
        var stem = Substring(name)
        var suffix = Substring("")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.distance(from: dot, to: name.endIndex) <= 16 {
            stem = name[..<dot]
            suffix = name[dot...]
        }
        // Drop whole characters so a multi-byte character is never cut in half.
        while !stem.isEmpty && !fits(stem + suffix) { stem.removeLast() }
        return String(stem + suffix)
    }
}

private extension String {
    func trimmingCharacters(whereIn isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, isTrimmed(first) { scalars.removeFirst() }
        while let last = scalars.last, isTrimmed(last) { scalars.removeLast() }
        return String(scalars)
    }
}
