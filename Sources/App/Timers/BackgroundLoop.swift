import Foundation

/// A thread that runs `body` now and then every `interval`, sooner when woken, and stops cleanly:
/// `stop()` returns only after the current run has finished, so whatever it writes is written
/// before the caller closes the database.
final class BackgroundLoop: @unchecked Sendable {
    private let name: String
    private let interval: Duration
    private let body: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var stopping = false
    private var woken = false
    private var finished = false
    private var thread: Thread?

    init(name: String, interval: Duration, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.interval = interval
        self.body = body
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = name
        condition.withLock { self.thread = thread }
        thread.start()
    }

    /// Runs the body as soon as the current wait ends, e.g. because there is new work.
    func wake() {
        condition.withLock {
            woken = true
            condition.signal()
        }
    }

    /// Asks the loop to end and waits until it has.
    func stop() {
        condition.withLock {
            guard thread != nil else { return }
            stopping = true
            condition.broadcast()
            while !finished { condition.wait() }
        }
    }

    private func run() {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while true {
            body()
            let done: Bool = condition.withLock {
                let deadline = Date().addingTimeInterval(seconds)
                while !stopping && !woken && condition.wait(until: deadline) {}
                woken = false
                return stopping
            }
            if done { break }
        }
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }
}
