/// The outcome of an accepted action: the claim's next value, and what to record and send.
/// A store writes all of it in one transaction, so an e-mail is never lost nor sent twice.
public struct Transition: Hashable, Sendable {
    public let claim: Claim
    /// Mostly about `claim`; may include entries for other claims on its tenant (a competitor
    /// flagged, an association taken over; see `HistoryEntry.claimID`).
    public let history: [HistoryEntry]
    public let emails: [OutgoingEmail]
    /// Other claims on the same tenant the action changed, each at its next version: the older
    /// associations an approval took over (see `Claim.replaces(_:)`).
    public let otherClaims: [Claim]

    public init(claim: Claim, history: [HistoryEntry], emails: [OutgoingEmail], otherClaims: [Claim] = []) {
        self.claim = claim
        self.history = history
        self.emails = emails
        self.otherClaims = otherClaims
    }

    /// Nothing changed (an edit that saved the same values): nothing to write.
    public var isEmpty: Bool { history.isEmpty && emails.isEmpty }
}
