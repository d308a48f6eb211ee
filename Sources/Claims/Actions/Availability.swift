/// Whether an actor may take a kind of action on a claim now, and if not, why.
/// Pages offer an action from it; `Claim.applying` refuses with the same error.
public enum Availability: Equatable, Sendable {
    case allowed
    case refused(ClaimError)

    public var isAllowed: Bool { self == .allowed }
}
