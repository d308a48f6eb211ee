/// What the claim page confirms after a successful POST (post/redirect/get): carried in the
/// redirect as `?done=<raw value>`; anything else in that parameter is ignored.
enum ClaimNotice: String, CaseIterable {
    case created, saved, uploaded, commented, submitted, withdrawn, disassociated, responded, disputed

    var messageKey: String { "partner.notice.\(rawValue)" }
}
