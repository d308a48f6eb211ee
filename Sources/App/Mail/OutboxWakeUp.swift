import Synchronization

/// Tells the delivery worker that a request just queued e-mails, so a consent link goes out at
/// once instead of at the worker's next poll. Until `serve` connects the worker (and in tests
/// that have none) signalling does nothing: the poll still delivers everything.
final class OutboxWakeUp: Sendable {
    private let handler = Mutex<(@Sendable () -> Void)?>(nil)

    func connect(_ wake: @escaping @Sendable () -> Void) {
        handler.withLock { $0 = wake }
    }

    func signal() {
        handler.withLock { $0 }?()
    }
}
