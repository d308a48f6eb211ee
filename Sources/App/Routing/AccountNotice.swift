/// What the account page confirms.
enum AccountNotice: String, CaseIterable, Sendable {
    case passwordChanged = "password_changed"
    case sessionEnded = "session_ended"
    case othersEnded = "others_ended"

    var messageKey: String { "account.notice.\(rawValue)" }
}
