import Foundation
import HTTP
import Secrets
import Storage

/// What operators' tools ask: `/readyz` (should this instance get traffic?) and `/metrics`
/// (Prometheus). Metrics are answered only to loopback or, when a token is configured, to a
/// request bearing it; anyone else learns nothing, not even that the address exists.
struct MonitoringController: Sendable {
    let readiness: Readiness
    let metrics: ServiceMetrics
    let figures: any StoreFigures
    let bearerToken: String?
    let log: @Sendable (String) -> Void

    func readyz() -> HTTPResponse {
        let phase = readiness.phase
        guard phase == .ready else { return .text("\(phase.rawValue)\n", status: .serviceUnavailable) }
        do {
            try figures.ping()
        } catch {
            log("readyz: the database does not answer: \(error)")
            return .text("database unreachable\n", status: .serviceUnavailable)
        }
        return .text("ready\n")
    }

    func metrics(context: RequestContext) throws -> HTTPResponse {
        if let bearerToken, !bearerToken.isEmpty {
            let sent = context.request.headers["Authorization"] ?? ""
            guard sent.hasPrefix("Bearer "), ConstantTime.equals(String(sent.dropFirst("Bearer ".count)), bearerToken) else {
                var response = HTTPResponse.text("a bearer token is required\n", status: .unauthorized)
                response.headers.set("WWW-Authenticate", "Bearer realm=\"cpor metrics\"")
                return response
            }
        } else if !Self.isLoopback(context.request.remoteAddress) {
            throw HTTPError.notFound
        }
        var response = HTTPResponse.text(try exposition())
        response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address.hasPrefix("[::1]:") || address.hasPrefix("[::ffff:127.")
    }

    func exposition() throws -> String {
        let snapshot = metrics.snapshot()
        var out = PrometheusText()
        out.metric("cpor_ready", "gauge", "1 when the service takes traffic (see /readyz).",
                   value: readiness.phase == .ready ? 1 : 0)

        out.metric("cpor_http_requests_total", "counter", "Requests answered, by route and status.",
                   snapshot.requests.sorted { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }
                       .map { ([("route", $0.key.route), ("status", String($0.key.status))], String($0.value)) })
        out.header("cpor_http_request_duration_seconds", "histogram",
                   "Time from a request's arrival at the application to its response, by route.")
        for (route, latency) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (bound, count) in zip(ServiceMetrics.bucketBounds, latency.buckets) {
                cumulative += count
                out.sample("cpor_http_request_duration_seconds_bucket", [("route", route), ("le", "\(bound)")], String(cumulative))
            }
            out.sample("cpor_http_request_duration_seconds_bucket", [("route", route), ("le", "+Inf")], String(latency.count))
            out.sample("cpor_http_request_duration_seconds_sum", [("route", route)], "\(latency.sum)")
            out.sample("cpor_http_request_duration_seconds_count", [("route", route)], String(latency.count))
        }
        if let open = snapshot.openConnections {
            out.metric("cpor_http_open_connections", "gauge", "Client connections open now.", value: open)
        }

        let depth = try figures.outboxDepth()
        out.metric("cpor_outbox_messages", "gauge", "E-mails in the outbox, by delivery state.",
                   [([("status", "pending")], "\(depth.pending)"), ([("status", "failed")], "\(depth.failed)"),
                    ([("status", "sent")], "\(depth.sent)")])
        out.metric("cpor_outbox_retrying", "gauge", "Pending e-mails that failed at least once and wait for a retry.", value: depth.retrying)

        out.metric("cpor_timer_sweeps_total", "counter", "Timer sweeps run since start.", value: snapshot.sweeps.runs)
        out.metric("cpor_timer_sweep_failures_total", "counter", "Timer sweeps that failed and were rolled back.",
                   value: snapshot.sweeps.failures)
        out.metric("cpor_timer_sweep_duration_seconds", "gauge", "How long the last timer sweep took.",
                   value: snapshot.sweeps.lastDuration)
        out.metric("cpor_timer_claims_changed_total", "counter", "Claims the timer sweeps changed since start.",
                   value: snapshot.sweeps.claimsChanged)

        let size = try figures.databaseSize()
        out.metric("cpor_database_bytes", "gauge", "Size of the database on disk.", value: size.bytes)
        if let wal = size.walBytes {
            out.metric("cpor_database_wal_bytes", "gauge", "Size of the write-ahead log (shrinks at checkpoints).", value: wal)
        }
        out.metric("cpor_poe_bytes", "gauge", "Bytes of proof-of-execution files stored, each file once.",
                   value: try figures.documentBytes())
        return out.text
    }
}
