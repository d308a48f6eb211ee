import Claims
import Foundation
import Testing
@testable import App

@Suite struct RoutingTests {
    @Test func healthz() throws {
        let app = try TestApp(seedDemo: false)
        let response = app.send("GET", "/healthz")
        #expect(response.status == 200)
        #expect(response.bodyText == "ok")
        #expect(response.headers["Content-Type"]?.hasPrefix("text/plain") == true)
    }

    @Test func unknownRouteGetsARendered404Page() throws {
        let app = try TestApp(seedDemo: false)
        let response = app.send("GET", "/no/such/page")
        #expect(response.status == 404)
        #expect(response.bodyText.contains("Page not found"))
        #expect(response.bodyText.contains("<html"))
    }

    @Test func aFailureInsideAPageGetsARendered500WithDetailsOnlyInTheLog() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        app.database.close() // every query from here on fails inside the handler
        let response = app.send("GET", "/claims")
        #expect(response.status == 500)
        #expect(response.bodyText.contains("Something went wrong"))
        #expect(!response.bodyText.contains("SQLite"))
        #expect(app.logLines.contains { $0.hasPrefix("error: GET /claims") })
        // A reference the user can quote, which finds the log line.
        let reference = try #require(response.bodyText.range(of: #"<code>[A-Za-z0-9_-]{8}</code>"#, options: .regularExpression)
            .map { String(response.bodyText[$0].dropFirst(6).dropLast(7)) })
        #expect(app.logLines.contains { $0.contains("[ref \(reference)]") })
    }

    @Test func wrongMethodGets405WithAllow() throws {
        let app = try TestApp(seedDemo: false)
        let response = app.send("DELETE", "/claims")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD")
    }

    @Test func routesPrintTheSamePathTheyParse() {
        for route in [Route.home, .healthz, .login, .logout, .dashboard, .reviewQueue, .asset("app.css")] {
            #expect(Route(path: route.path) == route)
        }
    }

    /// The links lists build from a prefix are the routes' own.
    @Test func prefixBuiltClaimLinksAreTheRoutesLinks() {
        for id in ["C-1001", "C-99999999", "C 1/2?", "ünï", ""] {
            #expect(Route.claimHref(ClaimID(id)) == Route.claim(ClaimID(id)).href, "\(id)")
            #expect(Route.reviewClaimHref(ClaimID(id)) == Route.reviewClaim(ClaimID(id)).href, "\(id)")
        }
    }

    @Test func pagesCarrySecurityHeaders() throws {
        let app = try TestApp(seedDemo: false)
        let response = app.send("GET", "/login")
        #expect(response.headers["Content-Security-Policy"]?.contains("script-src 'none'") == true)
        #expect(response.headers["X-Frame-Options"] == "DENY")
        #expect(response.headers["Cache-Control"] == "no-store")
        let csrf = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix("cpor_csrf=") })
        #expect(csrf.contains("HttpOnly") && csrf.contains("SameSite=Lax"))
    }
}

@Suite struct StaticFileTests {
    /// Static files and the health check are answered without a session or a CSRF token, so a
    /// cached stylesheet can never carry someone's cookie; anonymous or signed in, none is set.
    @Test func staticFilesAndTheHealthCheckNeverSetACookie() throws {
        let app = try TestApp()
        for path in ["/static/app.css", "/static/logo.svg", "/healthz"] {
            let response = app.send("GET", path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers.values("Set-Cookie").isEmpty, "\(path)")
        }
        app.login("incentives@contoso.example")
        for path in ["/static/app.css", "/healthz"] {
            #expect(app.send("GET", path).headers.values("Set-Cookie").isEmpty, "\(path)")
        }
    }

    @Test func servesAStylesheetWithTypeETagAndCaching() throws {
        let app = try TestApp(seedDemo: false)
        let response = app.send("GET", "/static/app.css")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(response.headers["Cache-Control"]?.contains("max-age") == true)
        let etag = try #require(response.headers["ETag"])
        let again = app.send("GET", "/static/app.css", headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
        #expect(again.bodyText.isEmpty)
    }

    @Test(arguments: [
        "/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/..%2fPackage.swift",
        "/static/%2e%2e%2fPackage.swift", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
        "/static/./app.css", "/static/app.css%00.png", "/static/", "/static/..\\Package.swift",
    ])
    func noWayOutOfPublic(path: String) throws {
        let app = try TestApp(seedDemo: false)
        #expect(app.send("GET", path).status == 404)
    }

    @Test func symlinkPointingOutsideIsNotServed() throws {
        let root = NSTemporaryDirectory() + "cpor-public-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/css", withIntermediateDirectories: true)
        try "body{}".write(toFile: root + "/css/site.css", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root + "/alias.css", withDestinationPath: root + "/css/site.css")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = try StaticFiles(directory: root)
        let request = HTTPRequestFixture.get("/static/x")
        #expect(files.response(rawPath: "passwd", request: request) == nil)
        #expect(files.response(rawPath: "css/site.css", request: request)?.status == 200)
        #expect(files.response(rawPath: "alias.css", request: request)?.status == 200)
    }
}
