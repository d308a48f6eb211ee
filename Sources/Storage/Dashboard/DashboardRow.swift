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
}

/// A page of rows, and where the next one starts (nil on the last page).
public struct DashboardPage: Sendable, Equatable {
    public let rows: [DashboardRow]
    public let next: DashboardCursor?
}
