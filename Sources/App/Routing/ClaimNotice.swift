/// What the claim page confirms after a successful POST (post/redirect/get): carried in the
/// redirect as `?done=<raw value>`; anything else in that parameter is ignored.
enum ClaimNotice: String, CaseIterable, Sendable {
    case created, saved, uploaded, commented, submitted, withdrawn, disassociated, responded, disputed

    var messageKey: String { "partner.notice.\(rawValue)" }
}

/// What the users page confirms after a change.
enum UsersNotice: String, CaseIterable, Sendable {
    case added, changed, deactivated, reactivated
    /// A set-password link is on its way.
    case linkSent = "link_sent"

    var messageKey: String { "partner.users.notice.\(rawValue)" }
}
