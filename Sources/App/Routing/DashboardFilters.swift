import Claims
import Storage

/// The dashboard's query string, parsed leniently (an unknown value means "no filter") and
/// printed back into links that keep every other choice.
struct DashboardFilters: Equatable {
    /// The dashboard's two views: the claims whose next move is the partner's, or every claim.
    enum View: String {
        case action, all
    }

    var state: ClaimState?
    /// The view asked for; nil takes the default, `view`.
    var chosenView: View?
    var solutionArea: SolutionArea?
    var activity: Activity?
    var search = ""
    var sort = DashboardSort.updated
    var descending = true
    var after: DashboardCursor?

    init(view: View? = nil, state: ClaimState? = nil, solutionArea: SolutionArea? = nil, activity: Activity? = nil, search: String = "",
         sort: DashboardSort = .updated, descending: Bool = true, after: DashboardCursor? = nil) {
        chosenView = view
        self.state = state
        self.solutionArea = solutionArea
        self.activity = activity
        self.search = search
        self.sort = sort
        self.descending = descending
        self.after = after
    }

    init(_ query: QueryItems) {
        func value(_ name: String) -> String? { query.nonEmpty(name) }
        state = value("state").flatMap(ClaimState.init(rawValue:))
        chosenView = value("view").flatMap(View.init(rawValue:))
        solutionArea = value("area").flatMap(SolutionArea.init(rawValue:))
        activity = value("activity").flatMap(Activity.init(rawValue:))
        search = String((value("q") ?? "").prefix(200))
        sort = value("sort").flatMap(DashboardSort.init(rawValue:)) ?? .updated
        descending = value("dir").map { $0 != "asc" } ?? (sort == .updated || sort == .id)
        after = value("after").flatMap(DashboardCursor.init)
    }

    func query(organizationID: Int64, limit: Int?) -> DashboardQuery {
        var query = DashboardQuery(organizationID: organizationID, state: state, solutionArea: solutionArea, activity: activity,
                                   search: search, sort: sort, descending: descending, after: after, limit: limit)
        query.needsPartnerAction = needsAction
        return query
    }

    /// The view shown. Plain `/claims` opens on "Needs your action", the partner's work; a filter or
    /// search without a view (the chart's bars, older links) looks through every claim.
    var view: View { chosenView ?? impliedView }

    /// The view a query with no `view` shows.
    private var impliedView: View { isFiltered ? .all : .action }

    /// "Needs your action": only claims whose next move is the partner's.
    var needsAction: Bool { view == .action }

    var isFiltered: Bool { state != nil || solutionArea != nil || activity != nil || !search.isEmpty }

    /// The query for these filters; `after` only when asked (an export has no pages).
    func query(includingCursor: Bool) -> QueryItems {
        var query = QueryItems()
        // The view is written only where the other choices would not imply it.
        query.append("view", view != impliedView ? view.rawValue : nil)
        query.append("state", state?.rawValue)
        query.append("area", solutionArea?.rawValue)
        query.append("activity", activity?.rawValue)
        query.append("q", search.isEmpty ? nil : search)
        query.append("sort", sort != .updated ? sort.rawValue : nil)
        query.append("dir", descending != (sort == .updated || sort == .id) ? (descending ? "desc" : "asc") : nil)
        if includingCursor { query.append("after", after?.text) }
        return query
    }

    /// Filters are equal when they show the same: a view asked for is the default one unasked.
    static func == (a: Self, b: Self) -> Bool {
        a.view == b.view && a.state == b.state && a.solutionArea == b.solutionArea && a.activity == b.activity
            && a.search == b.search && a.sort == b.sort && a.descending == b.descending && a.after == b.after
    }

    /// The same view with no filter or search, sorted as now.
    var cleared: DashboardFilters {
        DashboardFilters(view: view, sort: sort, descending: descending)
    }

    /// The same filters from the first page, as new filters and "first page" links start.
    var firstPage: DashboardFilters {
        var first = self
        first.after = nil
        return first
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
