import Foundation

/// A fixed set of threads running jobs in submission order. Handlers are synchronous and may
/// block, so they run here and never on the event loop.
final class WorkerPool: @unchecked Sendable {
    // `jobs`, `closing` and `running` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var closing = false
    private var running = 0

    func start(threads: Int, name: String) {
        condition.lock()
        running = threads
        condition.unlock()
        for index in 0..<threads {
            let thread = Thread { [self] in
                while let job = nextJob() { job() }
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs the queued jobs to completion, then returns once every thread has exited.
    func shutdown() {
        condition.lock()
        closing = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closing { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
