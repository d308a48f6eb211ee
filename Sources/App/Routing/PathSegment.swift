import HTTP

/// The one encoder and decoder of path segments. A segment is printed with everything outside
/// RFC 3986's unreserved characters percent-encoded (a space is `%20`: `+` is literal in a path),
/// and parsed back by decoding `%XX` only, so every ID survives the round trip.
enum PathSegment {
    static func encode(_ segment: String) -> String {
        PercentEncoding.encode(segment, unreserved: isUnreserved, spaceAsPlus: false)
    }

    /// `/a/b/c` from segments, each encoded.
    static func join(_ segments: String...) -> String {
        var path = ""
        for segment in segments {
            path += "/"
            path += encode(segment)
        }
        return path
    }

    /// The decoded segments of a raw request path, or nil for a path that is not plainly ours: an
    /// empty segment ("//"), a dot segment, a malformed escape, or an encoded NUL. The path is split
    /// on its raw slashes before anything is decoded, so an encoded slash (`%2F`) is a character of
    /// its segment (an ID may hold one) and can never make another path.
    static func split(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        if path == "/" { return [] }
        var result: [String] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard !raw.isEmpty, let segment = PercentEncoding.decode(String(raw)), segment != ".", segment != "..",
                  !segment.contains("\0") else { return nil }
            result.append(segment)
        }
        return result
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
