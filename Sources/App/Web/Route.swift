import Claims
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
    /// A claim's review page.
    case reviewClaim(ClaimID)
    /// A reviewer's action on a claim (POST; a decision's first POST answers with its confirmation page).
    case reviewAction(ClaimID, ReviewStep)
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
        case _ where segments.count == 2 && segments[0] == "review":
            self = .reviewClaim(ClaimID(segments[1]))
        case _ where segments.count == 3 && segments[0] == "review":
            guard let step = ReviewStep(rawValue: segments[2]) else { return nil }
            self = .reviewAction(ClaimID(segments[1]), step)
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
        case .reviewClaim(let id): "/review/" + FormURLEncoded.encodeComponent(id.rawValue)
        case .reviewAction(let id, let step): "/review/" + FormURLEncoded.encodeComponent(id.rawValue) + "/" + step.rawValue
        case .asset(let file): "/static/" + file
        }
    }

    /// The methods each route answers; anything else gets 405 with this list in `Allow`.
    var allowedMethods: [String] {
        switch self {
        case .login: ["GET", "HEAD", "POST"]
        case .logout: ["POST"]
        case .reviewAction(_, let step): step.allowedMethods
        default: ["GET", "HEAD"]
        }
    }
}
