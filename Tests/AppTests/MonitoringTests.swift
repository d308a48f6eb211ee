import Foundation
import HTTP
import Testing
@testable import App

/// `/readyz` and `/metrics` as a load balancer and a Prometheus server see them.
@Suite struct MonitoringTests {
    func get(_ app: TestApp, _ path: String, from remote: String = "127.0.0.1:40000",
             headers: [(String, String)] = []) -> HTTPResponse {
        app.application.handle(HTTPRequest(method: .get, target: path, headers: HTTPHeaders([("Host", "localhost")] + headers),
                                           remoteAddress: remote))
    }

    @Test func readyzIsUnavailableWhileStartingAndStoppingAndReadyBetween() throws {
        let app = try TestApp(seedDemo: false)
        #expect(get(app, "/readyz").status == 503)
        app.application.readiness.markReady()
        #expect(get(app, "/readyz").status == 200)
        #expect(get(app, "/healthz").status == 200)
        app.application.readiness.markStopping()
        #expect(get(app, "/readyz").status == 503)
        #expect(get(app, "/healthz").status == 200, "liveness is not readiness")
    }

    @Test func readyzIsUnavailableWithoutItsDatabase() throws {
        let app = try TestApp(seedDemo: false)
        app.application.readiness.markReady()
        app.database.close()
        let response = get(app, "/readyz")
        #expect(response.status == 503)
        #expect(response.bodyText.contains("database"))
    }

    @Test func metricsCountRequestsByRouteAndStatusInThePrometheusFormat() throws {
        let app = try TestApp(seedDemo: false)
        app.application.readiness.markReady()
        _ = get(app, "/healthz")
        _ = get(app, "/healthz")
        _ = get(app, "/no/such/page")
        app.application.metrics.recordSweep(seconds: 0.25, claimsChanged: 3, failed: false)
        let response = get(app, "/metrics")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
        let text = response.bodyText
        for expected in ["cpor_http_requests_total{route=\"healthz\",status=\"200\"} 2",
                         "cpor_http_requests_total{route=\"unknown\",status=\"404\"} 1",
                         "cpor_http_request_duration_seconds_count{route=\"healthz\"} 2",
                         "cpor_http_request_duration_seconds_bucket{route=\"healthz\",le=\"+Inf\"} 2",
                         "cpor_outbox_messages{status=\"pending\"} 0", "cpor_outbox_retrying 0",
                         "cpor_timer_sweeps_total 1", "cpor_timer_claims_changed_total 3", "cpor_timer_sweep_duration_seconds 0.25",
                         "cpor_ready 1", "cpor_poe_bytes 0"] {
            #expect(text.contains(expected + "\n"), "\(expected)")
        }
        #expect(text.contains("cpor_database_bytes "))
        // Every line is a comment or `name{labels} value`.
        let sample = try Regex(#"^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+-]+|\+Inf)$"#)
        for line in text.split(separator: "\n") where !line.hasPrefix("# HELP ") && !line.hasPrefix("# TYPE ") {
            #expect(line.wholeMatch(of: sample) != nil, "\(line)")
        }
    }

    @Test func metricsAreHiddenFromOtherHostsWithoutAToken() throws {
        let app = try TestApp(seedDemo: false)
        #expect(get(app, "/metrics", from: "203.0.113.9:5000").status == 404)
        #expect(get(app, "/metrics", from: "[::1]:5000").status == 200)
    }

    @Test func withATokenMetricsAnswerWhoeverBearsIt() throws {
        let app = try TestApp(seedDemo: false, configure: { $0.metricsToken = "s3cret-token" })
        let remote = "203.0.113.9:5000"
        let refused = get(app, "/metrics", from: remote)
        #expect(refused.status == 401)
        #expect(refused.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        #expect(get(app, "/metrics", from: remote, headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(get(app, "/metrics", from: "127.0.0.1:1", headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(get(app, "/metrics", from: remote, headers: [("Authorization", "Bearer s3cret-token")]).status == 200)
    }
}
