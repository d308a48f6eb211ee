import Claims
import Foundation
import Storage
import Templating

/// The claims waiting across every organization, most urgent first, with tabs, search and the
/// counts as a chart.
struct ReviewerQueuePage: Page {
    static let template = "review/index"
    var title: String
    var rows: [Row]
    var tabs: [Tab]
    var parameters: ReviewQueueParameters
    var nextPage: String?
    var chart: Chart

    /// A class: the template copies each row into its scope to read its fields, and copying a
    /// reference is one retain where copying a struct of strings retained every one of them.
    final class Row: Templated {
        let id: String
        let href: String
        let name: String
        let organization: String
        let customer: String
        let domain: String
        let products: String
        let state: StateBadge
        let competing: Bool
        let assignee: String?
        let mine: Bool
        let deadline: DeadlineView?

        init(id: String, href: String, name: String, organization: String, customer: String, domain: String,
             products: String, state: StateBadge, competing: Bool, assignee: String?, mine: Bool,
             deadline: DeadlineView?) {
            self.id = id
            self.href = href
            self.name = name
            self.organization = organization
            self.customer = customer
            self.domain = domain
            self.products = products
            self.state = state
            self.competing = competing
            self.assignee = assignee
            self.mine = mine
            self.deadline = deadline
        }

        static let fields: TemplateFields<Row> = [
            .text("id", \.id), .text("href", \.href), .text("name", \.name), .text("organization", \.organization),
            .text("customer", \.customer), .text("domain", \.domain), .text("products", \.products),
            .object("state", \.state), .flag("competing", \.competing), .optional("assignee", \.assignee),
            .flag("mine", \.mine), .object("deadline", \.deadline), .flag("overdue", { $0.deadline?.overdue ?? false }),
        ]
    }

    struct Tab: Templated {
        var label: String
        var href: String
        var current: Bool
        static let fields: TemplateFields<Self> = [.text("label", \.label), .text("href", \.href), .flag("current", \.current)]
    }

    /// One bar per state, its overdue part in red; geometry is worked out here so the template only
    /// places the shapes and the text.
    struct Chart: Templated {
        struct Bar: Templated {
            var label: String
            var figures: String
            var y: Int
            var totalWidth: Int
            var overdueWidth: Int
            static let fields: TemplateFields<Self> = [
                .text("label", \.label), .text("figures", \.figures), .number("labelY", { $0.y + Chart.barHeight / 2 + 5 }),
                .number("y", \.y), .number("x", { _ in Chart.labelWidth }), .number("height", { _ in Chart.barHeight }),
                .number("totalWidth", \.totalWidth), .number("overdueWidth", \.overdueWidth),
                .number("figuresX", { Chart.labelWidth + $0.totalWidth + 8 }),
            ]
        }
        var bars: [Bar]
        var summary: String

        static let width = 640
        /// Room for the longest state name, "Acción de asociado requerida" in Spanish.
        static let labelWidth = 230
        static let barHeight = 22
        static let gap = 10
        /// Room right of the longest bar for its figures ("1,234 · 1,234 overdue").
        static let figuresWidth = 190

        static let fields: TemplateFields<Self> = [
            .list("bars", \.bars), .number("width", { _ in Chart.width }),
            .number("height", { $0.bars.count * (Chart.barHeight + Chart.gap) - Chart.gap }), .text("summary", \.summary),
        ]

        init(_ counts: ReviewQueueCounts, localizer l: Localizer) {
            let largest = max(counts.states.map(\.total).max() ?? 0, 1)
            let span = Self.width - Self.labelWidth - Self.figuresWidth
            bars = counts.states.enumerated().map { index, count in
                Bar(label: l(count.state.messageKey),
                    figures: l("review.chart.figures", ["total": l.dates.number(count.total), "overdue": l.dates.number(count.overdue)]),
                    y: index * (Self.barHeight + Self.gap),
                    totalWidth: count.total == 0 ? 0 : max(2, count.total * span / largest),
                    overdueWidth: count.overdue == 0 ? 0 : max(2, count.overdue * span / largest))
            }
            let total = counts.states.map(\.total).reduce(0, +)
            let overdue = counts.states.map(\.overdue).reduce(0, +)
            summary = l("review.chart.summary", ["total": l.dates.number(total), "overdue": l.dates.number(overdue)])
        }
    }

    static let fields: TemplateFields<Self> = [
        .list("rows", \.rows), .list("tabs", \.tabs), .text("view", { $0.parameters.view.rawValue }),
        .flag("viewIsAll", { $0.parameters.view == .all }), .text("search", { $0.parameters.search }),
        .flag("searching", { !$0.parameters.search.isEmpty }),
        .text("clearSearch", { Route.review(ReviewQueueParameters(view: $0.parameters.view)).href }),
        .optional("nextPage", \.nextPage),
        .optional("firstPage", { $0.parameters.after == nil ? nil
            : Route.review(ReviewQueueParameters(view: $0.parameters.view, search: $0.parameters.search)).href }),
        .object("chart", \.chart),
    ]

    init(page: Storage.ReviewQueuePage, counts: ReviewQueueCounts, parameters: ReviewQueueParameters, reviewer: String,
         presenter p: ClaimPresenter) {
        let l = p.localizer
        title = l("review.title")
        self.parameters = parameters
        let deadlines = p.deadlines(page.rows.map(\.deadline))
        // By index: zipping would copy each row (and retain its strings) once more on the way.
        rows = page.rows.indices.map { index in
            let row = page.rows[index], deadline = deadlines[index]
            return Row(id: row.id.rawValue, href: Route.reviewClaimHref(row.id), name: row.name, organization: row.organizationName,
                customer: row.customerName, domain: row.customerDomain, products: p.words(row.products),
                // "All claims" lists decided claims too; an ended one says what ended it.
                state: p.state(row.state, endCause: row.endCause), competing: row.competing, assignee: row.assignedReviewerName,
                mine: row.assignedReviewer == reviewer, deadline: deadline)
        }
        tabs = ReviewQueueQuery.View.allCases.map { tab in
            let name = l("review.view.\(tab.rawValue)")
            return Tab(label: counts.count(of: tab).map { "\(name) (\($0))" } ?? name,
                href: Route.review(ReviewQueueParameters(view: tab, search: parameters.search)).href, current: tab == parameters.view)
        }
        nextPage = page.next.map {
            Route.review(ReviewQueueParameters(view: parameters.view, search: parameters.search, after: $0)).href
        }
        chart = Chart(counts, localizer: l)
    }
}
