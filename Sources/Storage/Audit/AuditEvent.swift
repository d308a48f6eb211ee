import Foundation

/// One security event (ASVS V16): what happened, how it ended, who did it (`actorID`), whom it was
/// about (`subjectID`), from which client address, and which organization's global admins see it
/// (none for reviewers and unknown visitors: those are for operators, in the log).
public struct AuditEvent: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case login
        case loginThrottled = "login_throttled"
        case logout
        /// A session ended from its owner's sessions page.
        case sessionEnded = "session_ended"
        case passwordChanged = "password_changed"
        case passwordLinkSent = "password_link_sent"
        case passwordLinkUsed = "password_link_used"
        case userCreated = "user_created"
        case userDeactivated = "user_deactivated"
        case userReactivated = "user_reactivated"
        case roleChanged = "role_changed"
        case csrfRefused = "csrf_refused"
        case accessRefused = "access_refused"
    }

    public enum Outcome: String, CaseIterable, Sendable {
        case success
        /// The person tried and it did not work (a wrong password, a used link).
        case failure
        /// A rule stopped it before anything was tried (throttled, a forged form, the wrong role).
        case refused
    }

    public var id: Int64?
    public var at: Date
    public var kind: Kind
    public var outcome: Outcome
    public var actorID: Int64?
    public var subjectID: Int64?
    public var organizationID: Int64?
    public var clientAddress: String
    /// A route, a role: never a password, a token or an e-mail address.
    public var detail: String

    public init(id: Int64? = nil, at: Date, kind: Kind, outcome: Outcome, actorID: Int64?, subjectID: Int64?,
                organizationID: Int64?, clientAddress: String, detail: String = "") {
        self.id = id
        self.at = at
        self.kind = kind
        self.outcome = outcome
        self.actorID = actorID
        self.subjectID = subjectID
        self.organizationID = organizationID
        self.clientAddress = clientAddress
        self.detail = detail
    }
}
