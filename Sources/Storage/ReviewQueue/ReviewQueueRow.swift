import Claims
import Foundation

/// A claim as the review queue lists it: who filed it, for whom, where it stands, who has it.
public struct ReviewQueueRow: Sendable, Equatable {
    public let id: ClaimID
    public let state: ClaimState
    public let name: String
    public let organizationName: String
    public let customerName: String
    public let customerDomain: String
    public let tenantID: String?
    public let products: [Product]
    public let assignedReviewer: String?
    public let assignedReviewerName: String?
    public let deadline: Deadline?
    public let competing: Bool
}

/// A page of rows and, when more follow, where the next page starts.
public struct ReviewQueuePage: Sendable, Equatable {
    public let rows: [ReviewQueueRow]
    public let next: ReviewQueueCursor?
}

/// How many claims wait in each queue state, and how many of those are past their deadline.
public struct ReviewQueueCounts: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public let state: ClaimState
        public let total: Int
        public let overdue: Int
    }

    /// One per queue state, in workflow order, zeros included.
    public let states: [Count]
}
