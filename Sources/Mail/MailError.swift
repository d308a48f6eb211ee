/// Why a message was not delivered, split by what the outbox should do about it.
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Worth retrying later: the server was unreachable, timed out, hung up, or answered 4xx.
    case temporary(String)
    /// Retrying the same message will not help: the server answered 5xx, or an address or the
    /// configuration is unusable.
    case permanent(String)

    public var isTemporary: Bool {
        if case .temporary = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .temporary(let reason): return "temporary mail failure: \(reason)"
        case .permanent(let reason): return "permanent mail failure: \(reason)"
        }
    }
}
