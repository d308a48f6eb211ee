import Foundation

/// One page of the review queue: which view, what was searched for, and where the page starts.
public struct ReviewQueueQuery: Sendable, Equatable {
    /// The views a reviewer switches between; each reads its own index in deadline order.
    public enum View: String, CaseIterable, Sendable {
        case all, unassigned, mine, overdue, disputes, competing
        /// Every claim in any state, decided ones too, newest first: for finding a claim, not for work.
        case everything

        /// Whether the view is the work queue (waiting claims, most urgent first).
        public var isQueue: Bool { self != .everything }
    }

    public var view: View
    /// The signed-in reviewer's user ID, for "mine".
    public var reviewer: String
    /// A claim ID, a tenant ID, a partner organization's name or a customer's name or domain
    /// (whole, any case); empty for no search.
    public var search: String
    /// Where the previous page ended; nil for the first page.
    public var after: ReviewQueueCursor?
    public var limit: Int
    /// For "overdue".
    public var now: Date

    public init(view: View = .all, reviewer: String, search: String = "", after: ReviewQueueCursor? = nil,
                limit: Int = 50, now: Date) {
        self.view = view
        self.reviewer = reviewer
        self.search = search
        self.after = after
        self.limit = limit
        self.now = now
    }
}

/// The last row of a page, by the queue's order (deadline, then claim number). Printed into the
/// "next page" link, so a page is found by an index seek however deep it is, never by OFFSET.
public struct ReviewQueueCursor: Sendable, Equatable {
    public let deadline: Int64
    public let number: Int64

    public init(deadline: Int64, number: Int64) {
        self.deadline = deadline
        self.number = number
    }

    /// `<deadline milliseconds>.<claim number>`
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let deadline = Int64(parts[0]), let number = Int64(parts[1]) else { return nil }
        self.init(deadline: deadline, number: number)
    }

    public var description: String { "\(deadline).\(number)" }
}
