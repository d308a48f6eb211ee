import Foundation
import Storage

/// Records security events (ASVS V16) in the database, where an organization's global admins read
/// their organization's, and as a log line, where operators read every one (reviewers and unknown
/// visitors belong to no organization). Neither ever holds a password, a token or an e-mail address.
struct AuditTrail: Sendable {
    let store: any AuditEventStore
    let clock: Clock
    let log: @Sendable (String) -> Void

    /// `actor` did it, to or as `subject` (the same person for their own login or password);
    /// `operatorsOnly` keeps it off every organization's page, when saying it there would tell an
    /// admin something about another organization.
    func record(_ kind: AuditEvent.Kind, _ outcome: AuditEvent.Outcome, by actor: UserAccount?, about subject: UserAccount? = nil,
                address: String, detail: String = "", operatorsOnly: Bool = false) {
        let organization = operatorsOnly ? nil : (subject ?? actor)?.organizationID
        let event = AuditEvent(at: clock.now(), kind: kind, outcome: outcome, actorID: actor?.id, subjectID: (subject ?? actor)?.id,
                               organizationID: organization, clientAddress: address, detail: detail)
        var line = "audit: \(kind.rawValue) \(outcome.rawValue)"
        if let actor { line += " actor=\(actor.id)" }
        if let subject, subject.id != actor?.id { line += " subject=\(subject.id)" }
        if !address.isEmpty { line += " address=\(address)" }
        if !detail.isEmpty { line += " detail=\(detail)" }
        log(line)
        do {
            try store.record(event)
        } catch {
            // The log line above still tells; the request the event belongs to goes on.
            log("error: audit event not stored: \(String(reflecting: error))")
        }
    }
}
