import Foundation

/// Log lines (one per request, and errors) gathered in memory and written to standard output in
/// one `write` every `interval` at most, instead of one `write` per line on the server's event
/// loop. `close()` writes whatever is left: `serve` calls it once the server has stopped on
/// SIGTERM or SIGINT, so no line of a finished request is lost.
final class BufferedLog: @unchecked Sendable {
    // `pending` and `closed` are guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    private var closed = false
    private let finished = DispatchSemaphore(value: 0)

    init(interval: TimeInterval = 0.1) {
        let thread = Thread { [self] in
            while let bytes = nextBatch(after: interval) { Console.write(bytes) }
            finished.signal()
        }
        thread.name = "log-writer"
        thread.start()
    }

    func append(_ line: String) {
        let buffered = condition.withLock {
            guard !closed else { return false }
            pending.append(contentsOf: line.utf8)
            pending.append(UInt8(ascii: "\n"))
            return true
        }
        if !buffered { Console.print(line) }
    }

    /// Writes what is buffered and stops the writer; later lines are written at once.
    func close() {
        condition.withLock {
            closed = true
            condition.signal()
        }
        finished.wait()
    }

    /// The lines gathered over the next `interval` (or until `close()`); nil once closed and written.
    private func nextBatch(after interval: TimeInterval) -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        if !closed { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
        if closed && pending.isEmpty { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
