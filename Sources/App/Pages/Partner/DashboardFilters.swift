import Claims
import HTTP
import Storage

/// The dashboard's query string, parsed leniently (an unknown value means "no filter") and
/// printed back into links that keep every other choice.
struct DashboardFilters: Equatable {
    var state: ClaimState?
    var solutionArea: SolutionArea?
    var activity: Activity?
    var search = ""
    var sort = DashboardSort.updated
    var descending = true
    var after: DashboardCursor?

    init(state: ClaimState? = nil, solutionArea: SolutionArea? = nil, activity: Activity? = nil, search: String = "",
         sort: DashboardSort = .updated, descending: Bool = true, after: DashboardCursor? = nil) {
        self.state = state
        self.solutionArea = solutionArea
        self.activity = activity
        self.search = search
        self.sort = sort
        self.descending = descending
        self.after = after
    }

    init(_ request: HTTPRequest) {
        func value(_ name: String) -> String? { request.queryItem(name).flatMap { $0.isEmpty ? nil : $0 } }
        state = value("state").flatMap(ClaimState.init(rawValue:))
        solutionArea = value("area").flatMap(SolutionArea.init(rawValue:))
        activity = value("activity").flatMap(Activity.init(rawValue:))
        search = String((value("q") ?? "").prefix(200))
        sort = value("sort").flatMap(DashboardSort.init(rawValue:)) ?? .updated
        descending = value("dir").map { $0 != "asc" } ?? (sort == .updated || sort == .id)
        after = value("after").flatMap(DashboardCursor.init)
    }

    func query(organizationID: Int64, limit: Int?) -> DashboardQuery {
        DashboardQuery(organizationID: organizationID, state: state, solutionArea: solutionArea, activity: activity,
                       search: search, sort: sort, descending: descending, after: after, limit: limit)
    }

    var isFiltered: Bool { state != nil || solutionArea != nil || activity != nil || !search.isEmpty }

    /// The query string for these filters; `after` only when asked, since new filters start at page one.
    func queryString(includingCursor: Bool = false) -> String {
        var pairs: [(String, String)] = []
        if let state { pairs.append(("state", state.rawValue)) }
        if let solutionArea { pairs.append(("area", solutionArea.rawValue)) }
        if let activity { pairs.append(("activity", activity.rawValue)) }
        if !search.isEmpty { pairs.append(("q", search)) }
        if sort != .updated { pairs.append(("sort", sort.rawValue)) }
        if descending != (sort == .updated || sort == .id) { pairs.append(("dir", descending ? "desc" : "asc")) }
        if includingCursor, let after { pairs.append(("after", after.text)) }
        return pairs.isEmpty ? "" : "?" + FormURLEncoded.encode(pairs)
    }

    /// A column header's link: sorts by it, or flips the direction if it already sorts by it.
    func sorted(by column: DashboardSort) -> DashboardFilters {
        var next = self
        next.after = nil
        if sort == column {
            next.descending.toggle()
        } else {
            next.sort = column
            next.descending = column == .updated || column == .id
        }
        return next
    }
}
