/// Who is acting, without the particulars; permissions are decided per kind.
public enum ActorKind: String, CaseIterable, Codable, Sendable, MessageKeyed {
    case partner = "partner"
    case reviewer = "reviewer"
    case customer = "customer"
    case system = "system"

    public var messageKey: String { "actor.\(rawValue)" }
}
