import Secrets

extension PasswordRules.Problem {
    /// What the person is told beside the password field.
    func message(_ l: Localizer) -> String {
        switch self {
        case .tooShort(let minimum): l("password.error.too_short", ["minimum": String(minimum)])
        case .tooLong(let maximum): l("password.error.too_long", ["maximum": String(maximum)])
        case .controlCharacter: l("password.error.control")
        case .common: l("password.error.common")
        case .containsAccountName: l("password.error.account_name")
        }
    }
}
