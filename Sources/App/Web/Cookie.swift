/// Set-Cookie values. Every cookie the service sets is HttpOnly and SameSite=Lax; Secure behind TLS.
enum Cookie {
    static let session = "cpor_session"
    static let csrf = "cpor_csrf"

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
