/// How far a request body has come since its head, and so when the client has been too slow.
///
/// Three limits fold into the one instant the connection is answered 408: a pause longer than
/// `bodyTimeout`; falling behind `minBodyBytesPerSecond` on average once the grace period is
/// over (what stops a client that sends a byte every few seconds and so never pauses for
/// long); and `bodyTimeLimit` overall (what stops one that trickles just fast enough).
struct BodyPace {
    let startedAt: ContinuousClock.Instant
    private(set) var receivedBytes = 0

    init(startedAt: ContinuousClock.Instant) {
        self.startedAt = startedAt
    }

    mutating func received(_ count: Int) {
        receivedBytes += count
    }

    /// The instant the body is overdue, given that its last piece arrived at `lastPiece`.
    func deadline(lastPiece: ContinuousClock.Instant, configuration: HTTPServerConfiguration) -> ContinuousClock.Instant {
        var deadline = min(lastPiece + configuration.bodyTimeout, startedAt + configuration.bodyTimeLimit)
        if configuration.minBodyBytesPerSecond > 0 {
            // The moment the average since the head drops below the minimum, if nothing more comes.
            let earned = Duration.seconds(Double(receivedBytes) / Double(configuration.minBodyBytesPerSecond))
            deadline = min(deadline, startedAt + configuration.bodyRateGracePeriod + earned)
        }
        return deadline
    }
}
