import Foundation

/// The reviewer side of a claim: when it arrived, who has it, and the service-level clocks.
public struct ReviewProgress: Hashable, Codable, Sendable {
    public var submittedAt: Date?
    /// Service level for a reviewer to start (shown, not enforced).
    public var pickUpDueAt: Date?
    public var assignedReviewer: UserID?
    public var reviewStartedAt: Date?
    public var decisionClock: DecisionClock?
    /// Wall-clock time spent waiting in Partner action required, for reporting.
    public var pausedTime: TimeInterval

    public init(
        submittedAt: Date? = nil,
        pickUpDueAt: Date? = nil,
        assignedReviewer: UserID? = nil,
        reviewStartedAt: Date? = nil,
        decisionClock: DecisionClock? = nil,
        pausedTime: TimeInterval = 0
    ) {
        self.submittedAt = submittedAt
        self.pickUpDueAt = pickUpDueAt
        self.assignedReviewer = assignedReviewer
        self.reviewStartedAt = reviewStartedAt
        self.decisionClock = decisionClock
        self.pausedTime = pausedTime
    }
}
