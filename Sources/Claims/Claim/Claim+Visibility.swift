extension Claim {
    /// Whether `actor` may see this claim at all. A partner sees only their own organization's
    /// claims, whatever the URL; reviewers see every claim. A customer sees a claim only through
    /// their consent link (`acceptsConsentToken`), never by browsing.
    public func isVisible(to actor: Actor) -> Bool {
        switch actor {
        case .partner(let user): user.organization == organization
        case .reviewer, .system: true
        case .customer: false
        }
    }

    /// Whether a consent link's token opens this claim for the customer: the current approval's
    /// token only, so a link from before an overturned dispute no longer works.
    public func acceptsConsentToken(_ token: ConsentToken) -> Bool {
        approval?.accepts(token) ?? false
    }
}
