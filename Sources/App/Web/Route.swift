import Claims
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
    /// A claim's review page.
    case reviewClaim(ClaimID)
    /// A reviewer's action on a claim (POST; a decision's first POST answers with its confirmation page).
    case reviewAction(ClaimID, ReviewStep)
    case asset(String)
    case newClaim
    case claimsExport
    case claim(ClaimID, ClaimPage)
    case claimDocument(ClaimID, DocumentID)
    case organizationUsers
    case organizationUser(Int64)

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
        case ["claims", "new"]: self = .newClaim
        case ["claims", "export.csv"]: self = .claimsExport
        case ["organization", "users"]: self = .organizationUsers
        case _ where segments.count == 2 && segments[0] == "review":
            self = .reviewClaim(ClaimID(segments[1]))
        case _ where segments.count == 3 && segments[0] == "review":
            guard let step = ReviewStep(rawValue: segments[2]) else { return nil }
            self = .reviewAction(ClaimID(segments[1]), step)
        default:
            guard let route = Route(partnerSegments: segments) else { return nil }
            self = route
        }
    }

    /// `/claims/<id>[/<page>]`, `/claims/<id>/documents/<document>`, `/organization/users/<id>`.
    private init?(partnerSegments s: [String]) {
        if s.count >= 2, s[0] == "claims" {
            let id = ClaimID(s[1])
            switch s.count {
            case 2: self = .claim(id, .show)
            case 3:
                guard let page = ClaimPage(rawValue: s[2]), page != .show else { return nil }
                self = .claim(id, page)
            case 4 where s[2] == "documents": self = .claimDocument(id, DocumentID(s[3]))
            default: return nil
            }
            return
        }
        guard s.count == 3, s[0] == "organization", s[1] == "users", let number = Int64(s[2]), number > 0 else { return nil }
        self = .organizationUser(number)
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
        case .reviewClaim(let id): "/review/" + FormURLEncoded.encodeComponent(id.rawValue)
        case .reviewAction(let id, let step): "/review/" + FormURLEncoded.encodeComponent(id.rawValue) + "/" + step.rawValue
        case .asset(let file): "/static/" + file
        case .newClaim: "/claims/new"
        case .claimsExport: "/claims/export.csv"
        case .claim(let id, .show): "/claims/" + percentEncodePathSegment(id.rawValue)
        case .claim(let id, let page): "/claims/" + percentEncodePathSegment(id.rawValue) + "/" + page.rawValue
        case .claimDocument(let claim, let document):
            "/claims/" + percentEncodePathSegment(claim.rawValue) + "/documents/" + percentEncodePathSegment(document.rawValue)
        case .organizationUsers: "/organization/users"
        case .organizationUser(let id): "/organization/users/\(id)"
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
        case .newClaim, .organizationUsers: ["GET", "HEAD", "POST"]
        case .organizationUser: ["POST"]
        case .claim(_, let page): page.allowedMethods
        case .reviewAction(_, let step): step.allowedMethods
        default: ["GET", "HEAD"]
        }
    }
}
