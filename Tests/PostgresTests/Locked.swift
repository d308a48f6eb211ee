import Foundation

/// A value that test threads share. Swift Testing's `#expect` is not used on those threads, because issues are
/// attributed to a test through the task they are recorded from; threads record here instead.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}
