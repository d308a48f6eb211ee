import Claims
import HTTP
import Storage
import Templating

extension Application {
    /// `GET /review?view=…&q=…&after=…`: the claims waiting across every organization, most urgent first.
    func reviewQueue(context: RequestContext, reviewer: UserAccount) throws -> HTTPResponse {
        let l = context.localizer
        let request = context.request
        let view = request.queryItem("view").flatMap(ReviewQueueQuery.View.init(rawValue:)) ?? .all
        let search = String((request.queryItem("q") ?? "").prefix(200))
        let now = clock.now()
        let query = ReviewQueueQuery(view: view, reviewer: String(reviewer.id), search: search,
                                     after: request.queryItem("after").flatMap(ReviewQueueCursor.init), now: now)
        let page = try claims.reviewQueue(query)
        let counts = try reviewQueueCounts.counts(at: now) { try claims.reviewQueueCounts(at: now) }
        let presenter = presenter(context)

        let rows: [TemplateValue] = page.rows.map { row in
            let deadline = presenter.deadline(row.deadline)
            return [
                "id": .string(row.id.rawValue),
                "href": .string(Route.reviewClaim(row.id).path),
                "name": .string(row.name),
                "organization": .string(row.organizationName),
                "customer": .string(row.customerName),
                "domain": .string(row.customerDomain),
                "products": .string(row.products.map { l($0.messageKey) }.joined(separator: ", ")),
                // Queue states are never "approved", so the state's own label is the status.
                "state": ["key": .string(row.state.rawValue), "label": .string(l(row.state.messageKey)),
                          "tone": .string(ClaimPresenter.badgeTone(row.state))],
                "competing": .bool(row.competing),
                "assignee": row.assignedReviewerName.map(TemplateValue.string) ?? .null,
                "mine": .bool(row.assignedReviewer == String(reviewer.id)),
                "deadline": deadline,
                "overdue": deadline["overdue"] ?? .bool(false),
            ]
        }
        func link(view: ReviewQueueQuery.View, search: String, after: ReviewQueueCursor? = nil) -> String {
            var items: [(String, String)] = []
            if view != .all { items.append(("view", view.rawValue)) }
            if !search.isEmpty { items.append(("q", search)) }
            if let after { items.append(("after", after.description)) }
            return Route.review.path + (items.isEmpty ? "" : "?" + FormURLEncoded.encode(items))
        }
        let tabs: [TemplateValue] = ReviewQueueQuery.View.allCases.map { tab in
            ["label": .string(l("review.view.\(tab.rawValue)")), "href": .string(link(view: tab, search: search)),
             "current": .bool(tab == view)]
        }
        let values: [String: TemplateValue] = [
            "rows": .list(rows),
            "tabs": .list(tabs),
            "view": .string(view.rawValue),
            "viewIsAll": .bool(view == .all),
            "search": .string(search),
            "searching": .bool(!search.isEmpty),
            "clearSearch": .string(link(view: view, search: "")),
            "nextPage": page.next.map { .string(link(view: view, search: search, after: $0)) } ?? .null,
            "firstPage": query.after == nil ? .null : .string(link(view: view, search: search)),
            "chart": ReviewQueueChart(counts: counts, localizer: l).value,
        ]
        return try pages.render("review/index", title: l("review.title"), values, context: context)
    }
}
