import Testing
@testable import App

/// The sessions page names a browser and system a person recognises, or nothing.
@Suite struct UserAgentSummaryTests {
    @Test(arguments: [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
         "Edge", "Windows"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
         "Safari", "macOS"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox", "Linux"),
        ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", "Chrome", "Android"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 Version/17.6 Mobile Safari/604.1", "Safari", "iOS"),
        ("curl/8.5.0", "curl", nil), ("", nil, nil), ("something else", nil, nil),
    ])
    func recognisesTheCommonFamilies(_ agent: String, _ browser: String?, _ system: String?) {
        let summary = UserAgentSummary(agent)
        #expect(summary.browser == browser && summary.system == system, "\(agent)")
    }
}
