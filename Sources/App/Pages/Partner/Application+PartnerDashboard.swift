import Claims
import Foundation
import HTTP
import Storage
import Templating

extension Application {
    static let dashboardPageSize = 50

    func partnerDashboard(context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        guard let organizationID = context.user?.organizationID else { return errorPage(status: 403, context: context) }
        let filters = DashboardFilters(context.request)
        let page = try claims.dashboard(filters.query(organizationID: organizationID, limit: Self.dashboardPageSize))
        let counts = try claims.stateCounts(organizationID: organizationID)
        let presenter = presenter(context)
        let base = Route.claims.path

        let columns: [(DashboardSort?, String)] = [
            (.name, "partner.column.name"), (.customer, "partner.column.customer"), (.tenant, "partner.column.tenant"),
            (.solutionArea, "partner.column.area"), (nil, "partner.column.products"), (.activity, "partner.column.activity"),
            (.state, "partner.column.state"), (.deadline, "partner.column.deadline"), (.updated, "partner.column.updated"),
        ]
        var values: [String: TemplateValue] = [
            "chart": stateChart(counts, filters: filters, localizer: l),
            "total": .int(counts.values.reduce(0, +)),
            "columns": .list(columns.map { sort, key in
                var column: [String: TemplateValue] = ["label": .string(l(key))]
                if let sort {
                    column["href"] = .string(base + filters.sorted(by: sort).queryString())
                    if filters.sort == sort {
                        column["sorted"] = .string(filters.descending ? "descending" : "ascending")
                        column["arrow"] = .string(filters.descending ? "▼" : "▲")
                    }
                }
                return .object(column)
            }),
            "rows": .list(page.rows.map { dashboardRow($0, presenter: presenter) }),
            "hasRows": .bool(!page.rows.isEmpty),
            "search": .string(filters.search),
            "stateOptions": options(ClaimState.allCases.map { ($0.rawValue, l($0.messageKey)) }, selected: filters.state?.rawValue),
            "areaOptions": options(SolutionArea.allCases.map { ($0.rawValue, l($0.messageKey)) }, selected: filters.solutionArea?.rawValue),
            "activityOptions": options(Activity.allCases.map { ($0.rawValue, l($0.messageKey)) }, selected: filters.activity?.rawValue),
            "sort": .string(filters.sort.rawValue),
            "dir": .string(filters.descending ? "desc" : "asc"),
            "isFiltered": .bool(filters.isFiltered),
            "clearHref": .string(base),
            "exportHref": .string(Route.claimsExport.path + filters.queryString()),
            "newHref": .string(Route.newClaim.path),
            "isGlobalAdmin": .bool(context.user?.role == .globalAdmin),
            "usersHref": .string(Route.organizationUsers.path),
        ]
        if let next = page.next {
            var after = filters
            after.after = next
            values["nextHref"] = .string(base + after.queryString(includingCursor: true))
        }
        if filters.after != nil { values["firstHref"] = .string(base + filters.queryString()) }
        return try pages.render("claims/index", title: l("claims.title"), values, context: context)
    }

    private func dashboardRow(_ row: DashboardRow, presenter: ClaimPresenter) -> TemplateValue {
        let l = presenter.localizer
        return [
            "id": .string(row.id.rawValue),
            "href": .string(Route.claim(row.id, .show).path),
            "name": .string(row.name),
            "customer": .string(row.customerName),
            "domain": .string(row.customerDomain),
            "tenant": TemplateValue(row.tenantID),
            "area": TemplateValue(row.solutionArea.map { l($0.messageKey) }),
            "products": .list(row.products.map { .string(l($0.messageKey)) }),
            "activity": TemplateValue(row.activity.map { l($0.messageKey) }),
            "state": [
                "label": .string(l(row.sentForIncentiveEvaluation ? "state.approved.sent_for_incentive_evaluation" : row.state.messageKey)),
                "tone": .string(ClaimPresenter.badgeTone(row.state)),
            ],
            "rejectionReasons": .string(row.rejectionReasons.map { l($0.messageKey) }.joined(separator: ", ")),
            "deadline": presenter.deadline(row.deadline),
            "overdue": .bool(row.deadline?.isOverdue(at: presenter.now) ?? false),
            "updated": .string(dates.dateTime(row.updatedAt)),
            "updatedISO": .string(dates.iso(row.updatedAt)),
        ]
    }

    private func options(_ pairs: [(String, String)], selected: String?) -> TemplateValue {
        .list(pairs.map { ["value": .string($0.0), "label": .string($0.1), "selected": .bool($0.0 == selected)] })
    }

    /// Counts per state as horizontal bars, drawn on the server as SVG (no scripts); each bar
    /// links to the dashboard filtered to that state.
    private func stateChart(_ counts: [ClaimState: Int], filters: DashboardFilters, localizer l: Localizer) -> TemplateValue {
        let largest = max(counts.values.max() ?? 0, 1)
        let rowHeight = 22
        let bars: [TemplateValue] = ClaimState.allCases.enumerated().map { index, state in
            let count = counts[state] ?? 0
            var filtered = DashboardFilters()
            filtered.state = state
            return [
                "label": .string(l(state.messageKey)),
                "count": .int(count),
                "tone": .string(ClaimPresenter.badgeTone(state)),
                "y": .int(index * rowHeight),
                "textY": .int(index * rowHeight + 14),
                // Bars use 0–100 of a 100-unit-wide area; the label column sits beside it in HTML-free SVG.
                "width": .int(count == 0 ? 0 : max(1, count * 100 / largest)),
                "href": .string(Route.claims.path + filtered.queryString()),
                "current": .bool(filters.state == state),
            ]
        }
        return ["bars": .list(bars), "height": .int(ClaimState.allCases.count * rowHeight)]
    }

    func exportClaims(context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        guard let organizationID = context.user?.organizationID else { return errorPage(status: 403, context: context) }
        var filters = DashboardFilters(context.request)
        filters.after = nil
        let rows = try claims.dashboard(filters.query(organizationID: organizationID, limit: nil)).rows
        var csv = CSVTable(header: [
            "partner.csv.id", "partner.column.name", "partner.column.customer", "partner.csv.domain", "partner.column.tenant",
            "partner.column.area", "partner.column.products", "partner.column.activity", "partner.column.state",
            "partner.csv.deadline", "partner.csv.deadline_at", "partner.column.updated",
        ].map { l($0) })
        for row in rows {
            csv.append([
                row.id.rawValue, row.name, row.customerName, row.customerDomain, row.tenantID ?? "",
                row.solutionArea.map { l($0.messageKey) } ?? "",
                row.products.map { l($0.messageKey) }.joined(separator: "; "),
                row.activity.map { l($0.messageKey) } ?? "",
                l(row.sentForIncentiveEvaluation ? "state.approved.sent_for_incentive_evaluation" : row.state.messageKey),
                row.deadline.map { l($0.kind.messageKey) } ?? "",
                row.deadline.map { dates.iso($0.dueAt) } ?? "",
                dates.iso(row.updatedAt),
            ])
        }
        let day = dates.iso(clock.now()).prefix(10)
        var response = HTTPResponse(status: 200, headers: ["Content-Type": "text/csv; charset=utf-8; header=present"],
                                    body: .bytes(csv.bytes))
        response.headers.set("Content-Disposition", ContentDisposition.attachment(filename: "claims-\(day).csv"))
        return response
    }
}
