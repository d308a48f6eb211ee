import Claims
import Foundation

/// One line of the dashboard, read from the claim's indexed columns rather than its document.
public struct DashboardRow: Sendable, Equatable {
    public let id: ClaimID
    public let name: String
    public let customerName: String
    public let customerDomain: String
    public let tenantID: String?
    public let solutionArea: SolutionArea?
    public let products: [Product]
    public let activity: Activity?
    public let state: ClaimState
    public let sentForIncentiveEvaluation: Bool
    /// Why an ended claim's association ended (read from its document, for the page's rows only).
    public let endCause: AssociationEnd.Cause?
    /// Why a rejected claim was rejected (read from its document, for the page's rows only).
    public let rejectionReasons: [RejectionReason]
    public let deadline: Deadline?
    public let updatedAt: Date
    /// This row's position in the order it was read in; the next page starts after it.
    public let cursor: DashboardCursor

    public init(id: ClaimID, name: String, customerName: String, customerDomain: String, tenantID: String?,
                solutionArea: SolutionArea?, products: [Product], activity: Activity?, state: ClaimState,
                sentForIncentiveEvaluation: Bool, endCause: AssociationEnd.Cause?, rejectionReasons: [RejectionReason],
                deadline: Deadline?, updatedAt: Date, cursor: DashboardCursor) {
        self.id = id
        self.name = name
        self.customerName = customerName
        self.customerDomain = customerDomain
        self.tenantID = tenantID
        self.solutionArea = solutionArea
        self.products = products
        self.activity = activity
        self.state = state
        self.sentForIncentiveEvaluation = sentForIncentiveEvaluation
        self.endCause = endCause
        self.rejectionReasons = rejectionReasons
        self.deadline = deadline
        self.updatedAt = updatedAt
        self.cursor = cursor
    }
}

/// A page of rows, and where the next one starts (nil on the last page).
public struct DashboardPage: Sendable, Equatable {
    public let rows: [DashboardRow]
    public let next: DashboardCursor?

    public init(rows: [DashboardRow], next: DashboardCursor?) {
        self.rows = rows
        self.next = next
    }

    /// A page from the rows a query read with a LIMIT one past `limit`: a row past it means
    /// there is a next page, which starts after the page's last row.
    public init(readingOnePast limit: Int?, rows: [DashboardRow]) {
        guard let limit, rows.count > limit else {
            self.init(rows: rows, next: nil)
            return
        }
        // Cut in place: copying the first `limit` rows would retain every string in them, and
        // freeing the rows read would then release each again.
        var page = rows
        page.removeLast(page.count - limit)
        self.init(rows: page, next: page.last?.cursor)
    }
}
