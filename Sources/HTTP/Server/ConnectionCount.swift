import Foundation

/// How many client connections are open: changed by the event loop, read by monitoring.
final class ConnectionCount: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var count = 0

    var value: Int { lock.withLock { count } }

    func opened() { lock.withLock { count += 1 } }

    func closed() { lock.withLock { count -= 1 } }
}
