import Foundation
import HTTP

/// Every page the service answers, parsed from a request path and printed back into links,
/// so a link can never point at a route that does not exist.
public enum Route: Equatable, Sendable {
    case home
    case healthz
    case login
    case logout
    case claims
    case review
    /// The customer's consent page; the segment is the token from their e-mail.
    case consent(String)
    /// Demo only: every queued and sent e-mail, with its links, for reviewers.
    case outbox
    case asset(String)

    /// `path` is the raw (percent-encoded) request path.
    public init?(path: String) {
        if path.hasPrefix("/static/") {
            self = .asset(String(path.dropFirst("/static/".count)))
            return
        }
        guard let segments = Route.segments(path) else { return nil }
        switch segments {
        case []: self = .home
        case ["healthz"]: self = .healthz
        case ["login"]: self = .login
        case ["logout"]: self = .logout
        case ["claims"]: self = .claims
        case ["review"]: self = .review
        case ["review", "outbox"]: self = .outbox
        case let s where s.count == 2 && s[0] == "consent": self = .consent(s[1])
        default: return nil
        }
    }

    /// The decoded path segments, or nil for a path that is not plainly ours: an empty segment
    /// ("//"), a dot segment, or an encoded slash or NUL that could smuggle a different path.
    static func segments(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        if path == "/" { return [] }
        var result: [String] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard !raw.isEmpty, let segment = percentDecode(String(raw)), segment != ".", segment != "..",
                  !segment.contains("/"), !segment.contains("\0") else { return nil }
            result.append(segment)
        }
        return result
    }

    public var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .login: "/login"
        case .logout: "/logout"
        case .claims: "/claims"
        case .review: "/review"
        case .consent(let token): "/consent/" + Route.encodedSegment(token)
        case .outbox: "/review/outbox"
        case .asset(let file): "/static/" + file
        }
    }

    /// A segment with everything but RFC 3986's unreserved characters percent-encoded.
    static func encodedSegment(_ segment: String) -> String {
        var unreserved = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        unreserved.insert(charactersIn: "-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The methods each route answers; anything else gets 405 with this list in `Allow`.
    var allowedMethods: [String] {
        switch self {
        case .login: ["GET", "HEAD", "POST"]
        case .logout: ["POST"]
        case .consent: ["GET", "HEAD", "POST"]
        default: ["GET", "HEAD"]
        }
    }
}
