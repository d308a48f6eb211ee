/// Set-Cookie values. Every cookie the service sets is HttpOnly and SameSite=Lax; behind TLS it is
/// Secure and carries the `__Host-` prefix, which browsers accept only from a secure origin, for the
/// whole host (no Domain) and Path=/, so a sibling subdomain cannot plant or shadow it.
enum Cookie {
    static func session(secure: Bool) -> String { (secure ? "__Host-" : "") + "cpor_session" }
    static func csrf(secure: Bool) -> String { (secure ? "__Host-" : "") + "cpor_csrf" }
    /// The language chosen with the switch. It is no secret and carries no authority, so one name
    /// serves with and without TLS.
    static let language = "cpor_lang"

    static func set(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=Lax"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    static func clear(_ name: String, secure: Bool) -> String {
        set(name, "", secure: secure, maxAge: 0)
    }
}
