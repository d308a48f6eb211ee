/// The outcome of an accepted action: the claim's next value, and what to record and send.
/// A store writes all of it in one transaction, so an e-mail is never lost nor sent twice.
public struct Transition: Hashable, Sendable {
    public let claim: Claim
    /// Mostly about `claim`; may include entries for competing claims (see `HistoryEntry.claimID`).
    public let history: [HistoryEntry]
    public let emails: [OutgoingEmail]

    public init(claim: Claim, history: [HistoryEntry], emails: [OutgoingEmail]) {
        self.claim = claim
        self.history = history
        self.emails = emails
    }

    /// Nothing changed (an edit that saved the same values): nothing to write.
    public var isEmpty: Bool { history.isEmpty && emails.isEmpty }
}
