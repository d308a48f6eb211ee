import Foundation

/// Whether the service should be sent traffic: not while it is starting (migrating, seeding,
/// clearing leftovers) nor once it has begun to shut down. `/readyz` answers from this and a
/// query; `/healthz` stays a plain liveness check.
public final class Readiness: @unchecked Sendable {
    public enum Phase: String, Sendable { case starting, ready, stopping }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var current = Phase.starting

    public init() {}

    public var phase: Phase { lock.withLock { current } }

    public func markReady() { lock.withLock { current = .ready } }

    public func markStopping() { lock.withLock { current = .stopping } }
}
