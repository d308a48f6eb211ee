/// Where to go back to after signing in, or after switching language: a path of this service and
/// its query, never another site. Only a local path is accepted — one slash, then no second slash
/// or backslash (which browsers read as another host), no scheme, no control characters — and only
/// one that names a page of ours.
struct ReturnPath: Equatable, Sendable {
    let rawValue: String

    /// A page to return to after signing in: not the login page itself.
    init?(_ text: String) { self.init(text, allowingLogin: false) }

    /// `allowingLogin`: the language switch on the login page returns to it.
    init?(_ text: String, allowingLogin: Bool) {
        guard text.count <= 2000, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let route = Route(path: String(parts[0])) else { return nil }
        switch route {
        case .login: if allowingLogin { rawValue = text } else { return nil }
        case .logout, .language, .asset, .healthz, .readyz, .metrics: return nil
        default: rawValue = text
        }
    }
}
