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
    /// Why an ended claim's association ended; nil in any other state.
    public let endCause: AssociationEnd.Cause?

    public init(id: ClaimID, state: ClaimState, name: String, organizationName: String, customerName: String,
                customerDomain: String, tenantID: String?, products: [Product], assignedReviewer: String?,
                assignedReviewerName: String?, deadline: Deadline?, competing: Bool, endCause: AssociationEnd.Cause?) {
        self.id = id
        self.state = state
        self.name = name
        self.organizationName = organizationName
        self.customerName = customerName
        self.customerDomain = customerDomain
        self.tenantID = tenantID
        self.products = products
        self.assignedReviewer = assignedReviewer
        self.assignedReviewerName = assignedReviewerName
        self.deadline = deadline
        self.competing = competing
        self.endCause = endCause
    }
}

/// A page of rows and, when more follow, where the next page starts.
public struct ReviewQueuePage: Sendable, Equatable {
    public let rows: [ReviewQueueRow]
    public let next: ReviewQueueCursor?

    public init(rows: [ReviewQueueRow], next: ReviewQueueCursor?) {
        self.rows = rows
        self.next = next
    }
}

/// How many claims wait in each queue state, and how many of those are past their deadline.
public struct ReviewQueueCounts: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public let state: ClaimState
        public let total: Int
        public let overdue: Int

        public init(state: ClaimState, total: Int, overdue: Int) {
            self.state = state
            self.total = total
            self.overdue = overdue
        }
    }

    /// One per queue state, in workflow order, zeros included.
    public let states: [Count]
    /// Waiting claims nobody has picked up.
    public var unassigned = 0
    /// Waiting claims another organization competes with.
    public var competing = 0

    public init(states: [Count], unassigned: Int = 0, competing: Int = 0) {
        self.states = states
        self.unassigned = unassigned
        self.competing = competing
    }

    /// How many claims a view of the queue holds, where counting them is cheap; nil otherwise
    /// ("Mine" is per reviewer, "All claims" is every claim).
    public func count(of view: ReviewQueueQuery.View) -> Int? {
        switch view {
        case .all: states.map(\.total).reduce(0, +)
        case .overdue: states.map(\.overdue).reduce(0, +)
        case .disputes: states.first { $0.state == .disputed }?.total ?? 0
        case .unassigned: unassigned
        case .competing: competing
        case .mine, .everything: nil
        }
    }
}
