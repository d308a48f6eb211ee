import Foundation

/// Threads running jobs in submission order, in two lanes. Handlers are synchronous and may
/// block, so they run here and never on the event loop.
///
/// Requests that only read (safe methods: GET, HEAD, OPTIONS, TRACE) are mostly CPU work, and
/// more threads than cores would only share the cores more finely and lengthen every page's
/// tail. Requests that change something mostly wait: for an upload's sync, for the group
/// commit that makes them durable. They get a lane of their own with more threads, so writes
/// arriving together reach the same commit, and a burst of them never holds up a page read.
final class WorkerPool: @unchecked Sendable {
    enum Lane {
        case reads, writes

        /// The lane for a request with `method`.
        init(_ method: HTTPMethod) {
            self = switch method {
            case .get, .head, .options, .trace: .reads
            default: .writes
            }
        }
    }

    private let reads = Queue()
    private let writes = Queue()

    func start(readThreads: Int, writeThreads: Int, name: String) {
        reads.start(threads: readThreads, name: name)
        writes.start(threads: writeThreads, name: "\(name)-w")
    }

    func submit(_ lane: Lane, _ job: @escaping @Sendable () -> Void) {
        switch lane {
        case .reads: reads.submit(job)
        case .writes: writes.submit(job)
        }
    }

    /// Runs the queued jobs to completion, then returns once every thread has exited.
    func shutdown() {
        reads.close()
        writes.close()
        reads.waitUntilFinished()
        writes.waitUntilFinished()
    }

    /// One lane: a fixed set of threads taking jobs in order.
    private final class Queue: @unchecked Sendable {
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

        /// Lets the threads finish the jobs queued and then exit.
        func close() {
            condition.lock()
            closing = true
            condition.broadcast()
            condition.unlock()
        }

        func waitUntilFinished() {
            condition.lock()
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
}
