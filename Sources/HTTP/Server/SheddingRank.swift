/// A connection's place in the queue to be closed when slots run short: by tier, then by the
/// time left before its deadline, so within a tier the one that would be closed soonest anyway
/// goes first.
struct SheddingRank: Comparable {
    enum Tier: Int {
        /// A keep-alive connection quiet for a while: closing it loses nothing.
        case idle
        /// Answered already, and only draining input so the client reads that answer.
        case lingering
        /// Receiving a head or body, or silent since it connected. Its deadline is what its
        /// client is allowed, so the least time left means the client furthest behind: the
        /// slowest body, the oldest unfinished head.
        case reading
    }

    /// How long a keep-alive connection must have been quiet to count as idle. One its client
    /// is still using, a request after another, ranks by its idle deadline with the readers,
    /// which puts it last.
    static let quietEnoughToBeIdle = Duration.seconds(1)

    let tier: Tier
    /// A `Duration` rather than the deadline itself keeps the rank a plain value that is cheap
    /// to sort by the thousand.
    let timeLeft: Duration

    /// Nil while a request is handled or its response written: those are never cut short.
    init?(of connection: Connection, at now: ContinuousClock.Instant) {
        switch connection.phase {
        case .handling, .writing:
            return nil
        case .closing:
            tier = .lingering
        case .reading:
            // Reading the parser's state, not `exchange`: this runs over every connection, and
            // looking at `exchange` copies it. While reading, a request under way always leaves
            // the parser mid-message.
            if connection.parser.isBetweenRequests, let idleSince = connection.idleSince,
               now - idleSince >= Self.quietEnoughToBeIdle {
                tier = .idle
            } else {
                tier = .reading
            }
        }
        timeLeft = connection.deadline.map { $0 - now } ?? .zero
    }

    static func < (lhs: SheddingRank, rhs: SheddingRank) -> Bool {
        lhs.tier == rhs.tier ? lhs.timeLeft < rhs.timeLeft : lhs.tier.rawValue < rhs.tier.rawValue
    }
}
