/// What the login page says before anything is typed: why the visitor is there.
enum LoginNotice: String, CaseIterable, Sendable {
    /// A set-password link was used: sign in with the new password.
    case passwordSet = "password_set"
    /// The session ended (idle, or ended from another browser): sign in again.
    case sessionEnded = "session_ended"

    var messageKey: String { "login.notice.\(rawValue)" }
}
