import Foundation

extension HTTPServer {
    /// Where the server is between `start()` and the end of `stop()`, shared by whichever
    /// threads call them.
    final class Lifecycle: @unchecked Sendable {
        enum Phase {
            case idle, starting, running, stopping, stopped
        }

        // All state is guarded by `condition`.
        private let condition = NSCondition()
        private var phase = Phase.idle
        private var loop: EventLoop?
        private var pool: WorkerPool?
        private var loopRunning = false

        func beginStarting() throws {
            try condition.withLock {
                guard phase == .idle else {
                    throw HTTPServerError(call: "start", errno: EALREADY, detail: "the server was already started")
                }
                phase = .starting
            }
        }

        func started(loop: EventLoop, pool: WorkerPool) {
            condition.withLock {
                self.loop = loop
                self.pool = pool
                loopRunning = true
                phase = .running
            }
        }

        func failedToStart() {
            condition.withLock {
                phase = .idle
                condition.broadcast()
            }
        }

        func loopExited() {
            condition.withLock {
                loopRunning = false
                condition.broadcast()
            }
        }

        /// The parts to shut down, or nil when another caller is already stopping (or there is
        /// nothing to stop).
        func beginStopping() -> (EventLoop, WorkerPool)? {
            condition.withLock {
                guard phase == .running, let loop, let pool else { return nil }
                phase = .stopping
                return (loop, pool)
            }
        }

        func waitForLoopExit() {
            condition.withLock {
                while loopRunning { condition.wait() }
            }
        }

        func stopped() {
            condition.withLock {
                loop = nil
                pool = nil
                phase = .stopped
                condition.broadcast()
            }
        }

        func waitUntilStopped() {
            condition.withLock {
                while phase == .running || phase == .stopping || phase == .starting { condition.wait() }
            }
        }
    }
}
