import Foundation

/// A claim being changed by one action: the next value plus the history and e-mails so far.
/// Every transition goes through it, so every state change is recorded and every e-mail is
/// both queued and written to history.
struct ClaimChange {
    var claim: Claim
    let actor: Actor
    let now: Date
    let rules: WorkflowRules
    private(set) var history: [HistoryEntry] = []
    private(set) var emails: [OutgoingEmail] = []
    /// Other claims this change changed, at their next versions.
    private(set) var otherClaims: [Claim] = []

    init(_ claim: Claim, actor: Actor, now: Date, rules: WorkflowRules) {
        self.claim = claim
        self.actor = actor
        self.now = now
        self.rules = rules
    }

    var calendar: BusinessCalendar { rules.calendar }
    var policy: Policy { rules.policy }

    mutating func record(_ event: HistoryEvent, on other: ClaimID? = nil) {
        history.append(HistoryEntry(claimID: other ?? claim.id, at: now, actor: actor, event: event))
    }

    mutating func move(to state: ClaimState, reasons: [String] = [], comment: String = "") {
        record(.stateChange(from: claim.state, to: state, reasons: reasons, comment: comment))
        claim.state = state
    }

    mutating func addComment(_ text: String) {
        claim.comments.append(Comment(author: actor, at: now, text: text))
        record(.comment(text))
    }

    mutating func addEvidence(_ upload: ProofOfExecution.Upload) {
        claim.evidence.append(ProofOfExecution(upload, uploadedBy: actor, uploadedAt: now))
        record(.upload(document: upload.id, filename: upload.filename))
    }

    /// Queues an e-mail to the claim's partner contact.
    mutating func emailPartner(_ kind: EmailKind, _ parameters: [String: String] = [:]) {
        let contact = claim.details.partnerContact
        email(kind, to: contact.email, name: contact.name, parameters)
    }

    /// Queues an e-mail to the claim's customer contact.
    mutating func emailCustomer(_ kind: EmailKind, _ parameters: [String: String] = [:]) {
        let contact = claim.details.customerContact
        email(kind, to: contact.email, name: contact.name, parameters)
    }

    private mutating func email(_ kind: EmailKind, to address: EmailAddress?, name: String, _ parameters: [String: String]) {
        // Submission requires both contacts' e-mails, so a claim that reaches a state that
        // e-mails always has them; a draft never e-mails.
        guard let address else { return }
        let details = claim.details
        let common = [
            "claim": claim.id.rawValue,
            "claim_name": details.name,
            "customer_name": details.customer.name,
            "customer_domain": details.customer.domain?.rawValue ?? "",
            "products": details.products.map(\.messageKey).joined(separator: ","),
        ]
        emails.append(OutgoingEmail(
            kind: kind, recipient: address, recipientName: name, claimID: claim.id,
            parameters: common.merging(parameters) { _, specific in specific }
        ))
        record(.email(kind, recipient: address))
    }

    /// Takes in the change made to another claim as part of this one: its next value, history and e-mails.
    mutating func include(_ other: Transition) {
        otherClaims.append(other.claim)
        history += other.history
        emails += other.emails
    }

    /// The next value of the claim, with its version bumped if anything happened to it.
    func finished() -> Transition {
        var next = claim
        if history.contains(where: { $0.claimID == claim.id }) { next.version += 1 }
        return Transition(claim: next, history: history, emails: emails, otherClaims: otherClaims)
    }
}
