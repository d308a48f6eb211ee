import Claims
import Foundation

/// What the stored tenant directory holds, and where it came from: what `cpor directory show`
/// prints and an import reports.
public struct DirectoryFigures: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var tenants = 0
        public var domains = 0
        public var subscriptions: [SubscriptionStatus: Int] = [:]

        public init() {}

        public var subscriptionTotal: Int { subscriptions.values.reduce(0, +) }
    }

    /// The last import or clearing.
    public struct Change: Sendable, Equatable {
        public var at: Date
        /// The imported file's name; empty for a clearing.
        public var source: String

        public init(at: Date, source: String) {
            self.at = at
            self.source = source
        }
    }

    public var counts: Counts
    public var lastChange: Change?

    public init(counts: Counts, lastChange: Change?) {
        self.counts = counts
        self.lastChange = lastChange
    }

    public var isLoaded: Bool { counts.tenants > 0 }
}
