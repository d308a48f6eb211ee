/// A browser and system as a person recognises them ("Firefox", "Windows") from a User-Agent
/// header, for the sessions page; nil for whatever is not recognised. Only the common families:
/// it helps someone tell their own sessions apart, and decides nothing.
struct UserAgentSummary: Equatable, Sendable {
    var browser: String?
    var system: String?

    init(_ userAgent: String) {
        let ua = userAgent
        // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari".
        browser = if ua.contains("Edg/") { "Edge" }
            else if ua.contains("OPR/") { "Opera" }
            else if ua.contains("Firefox/") { "Firefox" }
            else if ua.contains("Chrome/") || ua.contains("Chromium/") { "Chrome" }
            else if ua.contains("Safari/") { "Safari" }
            else if ua.hasPrefix("curl/") { "curl" }
            else { nil }
        system = if ua.contains("Android") { "Android" }
            else if ua.contains("iPhone") || ua.contains("iPad") { "iOS" }
            else if ua.contains("Windows") { "Windows" }
            else if ua.contains("Mac OS X") || ua.contains("Macintosh") { "macOS" }
            else if ua.contains("CrOS") { "ChromeOS" }
            else if ua.contains("Linux") { "Linux" }
            else { nil }
    }
}
