import Foundation

/// Counters the service keeps in memory for `/metrics`: requests by route and status with a
/// latency histogram per route, and what the timer sweeps did. Updated from every worker
/// thread, under one lock held for a few additions.
public final class ServiceMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Latency {
        var buckets = [Int](repeating: 0, count: ServiceMetrics.bucketBounds.count)
        var count = 0
        var sum = 0.0
    }

    struct RouteStatus: Hashable {
        let route: String
        let status: Int
    }

    struct Sweeps {
        var runs = 0
        var failures = 0
        var claimsChanged = 0
        var lastDuration = 0.0
    }

    struct Snapshot {
        var requests: [RouteStatus: Int]
        var latency: [String: Latency]
        var sweeps: Sweeps
        var openConnections: Int?
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var requests: [RouteStatus: Int] = [:]
    private var latency: [String: Latency] = [:]
    private var sweeps = Sweeps()
    private var openConnections: (@Sendable () -> Int)?

    public init() {}

    /// Where the open-connection count comes from: the HTTP server, once it runs.
    public func connect(openConnections: @escaping @Sendable () -> Int) {
        lock.withLock { self.openConnections = openConnections }
    }

    func recordRequest(route: String, status: Int, seconds: Double) {
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 }
        lock.withLock {
            requests[RouteStatus(route: route, status: status), default: 0] += 1
            var entry = latency[route] ?? Latency()
            if let bucket { entry.buckets[bucket] += 1 }
            entry.count += 1
            entry.sum += seconds
            latency[route] = entry
        }
    }

    public func recordSweep(seconds: Double, claimsChanged: Int, failed: Bool) {
        lock.withLock {
            sweeps.runs += 1
            sweeps.lastDuration = seconds
            sweeps.claimsChanged += claimsChanged
            if failed { sweeps.failures += 1 }
        }
    }

    func snapshot() -> Snapshot {
        let (requests, latency, sweeps, source) = lock.withLock { (self.requests, self.latency, self.sweeps, self.openConnections) }
        return Snapshot(requests: requests, latency: latency, sweeps: sweeps, openConnections: source?())
    }
}
