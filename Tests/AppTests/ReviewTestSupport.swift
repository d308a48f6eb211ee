import Claims
import Foundation
import Testing
import HTTP
@testable import App
import Seeding

/// A clock a test moves by hand.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date()) { current = start }

    var clock: Clock { Clock { [self] in lock.withLock { current } } }

    func advance(days: Double) { lock.withLock { current += days * 86_400 } }

    func advance(minutes: Double) { advance(days: minutes / 1_440) }
}

extension TestApp {
    /// A demo app with the demo claims (see `DemoClaims`): C-1001 overdue pick-up, C-1002/C-1003
    /// competing (C-1003 in review by Rita), C-1004 waiting on the partner, C-1005 answered and in
    /// review by Rita, C-1006 disputed, C-1007 fresh.
    static func withDemoClaims(clock: MovableClock = MovableClock()) throws -> TestApp {
        let app = try TestApp(clock: clock.clock)
        try DemoClaims.seed(accounts: app.application.accounts, claims: app.application.claims, rules: app.application.rules,
                            now: clock.clock.now())
        return app
    }

    /// POSTs `fields` with the session's CSRF token.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = []) -> HTTPResponse {
        send("POST", path, form: [("_csrf", csrfToken(from: "/review"))] + fields)
    }

    func version(of claim: String) throws -> String {
        String(try application.claims.claim(.init(claim))?.version ?? -1)
    }
}

extension TestApp {
    /// A partner (Ivan, Contoso) with a submitted claim C-1001 for Teams and Exchange Online, and
    /// Rita in her own session with its review started: the partner's app, her session, the claim's path.
    static func claimInReview() throws -> (partner: TestApp, reviewer: Session, path: String) {
        let partner = try TestApp()
        partner.login("incentives@contoso.example")
        let path = partner.createCompleteClaim()
        _ = partner.uploadPDF(to: path)
        _ = partner.send("POST", path + "/submit", form: [("_csrf", partner.sessionCSRF), ("version", partner.version(on: path + "/submit"))])
        let reviewer = try Session(partner)
        reviewer.login(ReviewTests.rita)
        let version = String(try partner.application.claims.claim(ClaimID("C-1001"))?.version ?? -1)
        #expect(reviewer.post("/review/C-1001/start", [("version", version)]).status == 303)
        return (partner, reviewer, path)
    }

    /// Another browser on the same running app: its own cookie jar, so its own login.
    final class Session: @unchecked Sendable {
        let app: TestApp
        var cookies: [String: String] = [:]

        init(_ app: TestApp) throws { self.app = app }

        @discardableResult
        func send(_ method: HTTPMethod, _ target: String, form: [(String, String)]? = nil) -> HTTPResponse {
            var headers = HTTPHeaders([("Host", "localhost")])
            if !cookies.isEmpty { headers.set("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
            var body = HTTPBody.empty
            if let form {
                headers.set("Content-Type", "application/x-www-form-urlencoded")
                body = .bytes(Array(FormURLEncoded.encode(form).utf8))
            }
            let response = app.application.handle(HTTPRequest(method: method, target: target, headers: headers, body: body))
            for header in response.headers.values("Set-Cookie") {
                let pair = header.split(separator: ";")[0]
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
                cookies[name] = value.isEmpty || header.contains("Max-Age=0") ? nil : value
            }
            return response
        }

        func csrfToken(from path: String) -> String {
            let html = send("GET", path).bodyText
            guard let range = html.range(of: #"name="_csrf" value=""#) else { return "" }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }

        func login(_ email: String) {
            send("POST", "/login", form: [("_csrf", csrfToken(from: "/login")), ("email", email), ("password", DemoData.password)])
        }

        @discardableResult
        func post(_ path: String, _ fields: [(String, String)] = []) -> HTTPResponse {
            send("POST", path, form: [("_csrf", csrfToken(from: "/review"))] + fields)
        }
    }
}

/// Statuses collected from concurrent requests.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func append(_ status: Int) { lock.withLock { values.append(status) } }
    var statuses: [Int] { lock.withLock { values } }
}
