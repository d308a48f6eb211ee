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
    case asset(String)

    /// `path` is the raw (percent-encoded) request path.
    public init?(path: String) {
        if path.hasPrefix("/static/") {
            self = .asset(String(path.dropFirst("/static/".count)))
            return
        }
        switch path {
        case "/": self = .home
        case "/healthz": self = .healthz
        case "/login": self = .login
        case "/logout": self = .logout
        case "/claims": self = .claims
        case "/review": self = .review
        default: return nil
        }
    }

    public var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .login: "/login"
        case .logout: "/logout"
        case .claims: "/claims"
        case .review: "/review"
        case .asset(let file): "/static/" + file
        }
    }

    /// The methods each route answers; anything else gets 405 with this list in `Allow`.
    var allowedMethods: [String] {
        switch self {
        case .login: ["GET", "HEAD", "POST"]
        case .logout: ["POST"]
        default: ["GET", "HEAD"]
        }
    }
}
