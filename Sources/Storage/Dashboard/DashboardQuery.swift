import Claims

/// One page of an organization's claims as the dashboard asks for it: filters, search, order,
/// and where the previous page ended.
public struct DashboardQuery: Sendable, Equatable {
    public var organizationID: Int64
    public var state: ClaimState?
    /// Only claims whose next move is the partner's (`ClaimState.needsPartnerAction`).
    public var needsPartnerAction = false
    public var solutionArea: SolutionArea?
    public var activity: Activity?
    /// Matches claim name, customer name, domain or tenant ID (substring), or a claim ID exactly.
    public var search: String
    public var sort: DashboardSort
    public var descending: Bool
    /// Rows strictly after this one in the chosen order; nil for the first page.
    public var after: DashboardCursor?
    /// nil: every matching row (the CSV export).
    public var limit: Int?

    public init(organizationID: Int64, state: ClaimState? = nil, solutionArea: SolutionArea? = nil,
                activity: Activity? = nil, search: String = "", sort: DashboardSort = .updated,
                descending: Bool = true, after: DashboardCursor? = nil, limit: Int? = 50) {
        self.organizationID = organizationID
        self.state = state
        self.solutionArea = solutionArea
        self.activity = activity
        self.search = search
        self.sort = sort
        self.descending = descending
        self.after = after
        self.limit = limit
    }

    /// Reads the page at `self` with `read`, then each page after it, until the last one.
    public func walkPages(_ read: (DashboardQuery) throws -> DashboardPage, _ body: (DashboardPage) throws -> Void) throws {
        var query = self
        while true {
            let page = try read(query)
            try body(page)
            guard let next = page.next else { return }
            query.after = next
        }
    }
}
