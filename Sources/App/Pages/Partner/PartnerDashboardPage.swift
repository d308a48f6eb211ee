import Claims
import Foundation
import Storage
import Templating

/// The partner organization's claims: counts by state, filters, a sortable page of rows.
struct PartnerDashboardPage: Page {
    static let template = "claims/index"
    var title: String
    var chart: Chart
    var total: Int
    var columns: [Column]
    var rows: [Row]
    var filters: DashboardFilters
    var stateOptions: [Choice]
    var areaOptions: [Choice]
    var activityOptions: [Choice]
    var nextHref: String?
    var isGlobalAdmin: Bool
    var views: [View]

    /// "All claims" and "Needs your action", with how many each holds.
    struct View: Templated {
        var label: String
        var href: String
        var current: Bool
        static let fields: TemplateFields<Self> = [.text("label", \.label), .text("href", \.href), .flag("current", \.current)]
    }

    struct Column: Templated {
        var label: String
        var href: String?
        var sorted: String?
        var arrow: String?
        static let fields: TemplateFields<Self> = [
            .text("label", \.label), .optional("href", \.href), .optional("sorted", \.sorted), .optional("arrow", \.arrow),
        ]
    }

    /// A class: the template copies each row into its scope to read its fields, and copying a
    /// reference is one retain where copying a struct of strings retained every one of them.
    final class Row: Templated {
        let id: String
        let href: String
        let name: String
        let customer: String
        /// The customer's domain split before its last label, where a narrow cell may break it:
        /// "lucernepublishing" and ".example".
        let domain: (name: String, suffix: String)
        let tenant: String?
        /// The first block of the tenant's GUID, or "" without a tenant.
        let tenantShort: String
        let area: String?
        let products: [String]
        let activity: String?
        let state: StateBadge
        let rejectionReasons: String
        let deadline: DeadlineView?
        let updated: String
        let updatedISO: String

        init(id: String, href: String, name: String, customer: String, domain: (name: String, suffix: String),
             tenant: String?, tenantShort: String, area: String?, products: [String], activity: String?,
             state: StateBadge, rejectionReasons: String, deadline: DeadlineView?, updated: String,
             updatedISO: String) {
            self.id = id
            self.href = href
            self.name = name
            self.customer = customer
            self.domain = domain
            self.tenant = tenant
            self.tenantShort = tenantShort
            self.area = area
            self.products = products
            self.activity = activity
            self.state = state
            self.rejectionReasons = rejectionReasons
            self.deadline = deadline
            self.updated = updated
            self.updatedISO = updatedISO
        }

        static let fields: TemplateFields<Row> = [
            .text("id", \.id), .text("href", \.href), .text("name", \.name), .text("customer", \.customer),
            .flag("domain", { !$0.domain.name.isEmpty }), .text("domainName", \.domain.name),
            .text("domainSuffix", \.domain.suffix), .optional("tenant", \.tenant),
            // The first block of the GUID is enough to tell tenants apart at a glance; the whole one is its title.
            .text("tenantShort", \.tenantShort), .optional("area", \.area),
            .strings("products", \.products), .optional("activity", \.activity), .object("state", \.state),
            .text("rejectionReasons", \.rejectionReasons), .object("deadline", \.deadline),
            .flag("overdue", { $0.deadline?.overdue ?? false }), .text("updated", \.updated),
            .text("updatedISO", \.updatedISO),
        ]
    }

    /// Counts per state as horizontal bars, drawn on the server as SVG (no scripts); each bar
    /// links to the dashboard filtered to that state.
    struct Chart: Templated {
        struct Bar: Templated {
            var label: String
            var count: Int
            var tone: String
            var y: Int
            var width: Int
            var href: String
            var current: Bool
            static let fields: TemplateFields<Self> = [
                .text("label", \.label), .number("count", \.count), .text("tone", \.tone), .number("y", \.y),
                .number("textY", { $0.y + 14 }), .number("width", \.width), .text("href", \.href), .flag("current", \.current),
            ]
        }
        var bars: [Bar]
        static let rowHeight = 22
        static let fields: TemplateFields<Self> = [
            .list("bars", \.bars), .number("height", { $0.bars.count * Chart.rowHeight }),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .object("chart", \.chart), .number("total", \.total), .list("columns", \.columns), .list("rows", \.rows),
        .flag("hasRows", { !$0.rows.isEmpty }), .list("views", \.views),
        .text("view", { $0.filters.view.rawValue }), .flag("anyOverdue", { $0.rows.contains { $0.deadline?.overdue == true } }), .text("search", { $0.filters.search }),
        .list("stateOptions", \.stateOptions), .list("areaOptions", \.areaOptions),
        .list("activityOptions", \.activityOptions), .text("sort", { $0.filters.sort.rawValue }),
        .text("dir", { $0.filters.descending ? "desc" : "asc" }), .flag("isFiltered", { $0.filters.isFiltered }),
        .text("clearHref", { Route.claims($0.filters.cleared).href }),
        // An unfiltered "Needs your action" with nothing in it, though the organization has claims.
        .flag("nothingWaiting", { $0.rows.isEmpty && $0.filters.needsAction && !$0.filters.isFiltered && $0.total > 0 }),
        .text("allHref", { _ in Route.claims(DashboardFilters(view: .all)).href }),
        .text("exportHref", { Route.claimsExport($0.filters.firstPage).href }),
        .text("newHref", { _ in Route.newClaim(from: nil).href }), .flag("isGlobalAdmin", \.isGlobalAdmin),
        .text("usersHref", { _ in Route.organizationUsers().href }), .optional("nextHref", \.nextHref),
        .optional("firstHref", { $0.filters.after == nil ? nil : Route.claims($0.filters.firstPage).href }),
    ]

    /// A domain split before its last "." (the suffix is "" without one).
    /// Found among the UTF-8 bytes, in place: a Character search runs grapheme breaking over every
    /// domain, and even a search of the UTF-8 view steps through it an index at a time.
    static func split(_ domain: String) -> (name: String, suffix: String) {
        var text = domain
        let parts: (String, String)? = text.withUTF8 { bytes in
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<dot]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[dot...]), as: UTF8.self))
        }
        return parts ?? (domain, "")
    }

    /// A tenant ID up to its first "-": for a GUID (ASCII) found by bytes; anything else by
    /// characters, as a "-" with a combining mark is not one.
    static func firstBlock(_ tenant: String) -> String {
        var text = tenant
        let ascii: String? = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(decoding: bytes[..<(bytes.firstIndex(of: UInt8(ascii: "-")) ?? bytes.count)], as: UTF8.self)
        }
        return ascii ?? String(tenant.prefix { $0 != "-" })
    }

    /// Each bar's link, the same on every page: built once rather than for every bar of every page.
    private static let stateHrefs = ClaimState.allCases.map { Route.claims(DashboardFilters(state: $0)).href }

    private static let columnKeys: [(DashboardSort?, String)] = [
        (.name, "partner.column.name"), (.customer, "partner.column.customer"), (.tenant, "partner.column.tenant"),
        (.solutionArea, "partner.column.area_products"),
        (.state, "partner.column.state"), (.deadline, "partner.column.deadline"), (.updated, "partner.column.updated"),
    ]

    init(page: Storage.DashboardPage, counts: [ClaimState: Int], filters: DashboardFilters, isGlobalAdmin: Bool,
         presenter p: ClaimPresenter) {
        let l = p.localizer
        title = l("claims.title")
        self.filters = filters
        self.isGlobalAdmin = isGlobalAdmin
        total = counts.values.reduce(0, +)
        columns = Self.columnKeys.map { sort, key in
            guard let sort else { return Column(label: l(key)) }
            let here = filters.sort == sort
            return Column(label: l(key), href: Route.claims(filters.sorted(by: sort)).href,
                          sorted: here ? (filters.descending ? "descending" : "ascending") : nil,
                          arrow: here ? (filters.descending ? "▼" : "▲") : nil)
        }
        let deadlines = p.deadlines(page.rows.map(\.deadline))
        // By index: zipping would copy each row (and retain its dozen strings) once more on the way.
        rows = page.rows.indices.map { index in
            let row = page.rows[index], deadline = deadlines[index]
            return Row(id: row.id.rawValue, href: Route.claimHref(row.id), name: row.name, customer: row.customerName,
                domain: Self.split(row.customerDomain), tenant: row.tenantID, tenantShort: row.tenantID.map(Self.firstBlock) ?? "", area: row.solutionArea.map { l.labels.solutionAreas[$0] },
                products: row.products.map { l.labels.products[$0] }, activity: row.activity.map { l.labels.activities[$0] },
                state: p.state(row.state, sentForIncentiveEvaluation: row.sentForIncentiveEvaluation, endCause: row.endCause),
                rejectionReasons: p.words(row.rejectionReasons), deadline: deadline,
                updated: p.dates.day(row.updatedAt), updatedISO: p.dates.iso(row.updatedAt))
        }
        // The partner's work first: it is the view `/claims` opens on.
        let waiting = counts.filter { $0.key.needsPartnerAction }.values.reduce(0, +)
        views = [(DashboardFilters.View.action, "partner.dashboard.view.action", waiting),
                 (.all, "partner.dashboard.view.all", total)].map { view, key, count in
            View(label: l(key, ["count": l.dates.number(count)]),
                 href: Route.claims(DashboardFilters(view: view, sort: filters.sort, descending: filters.descending)).href,
                 current: filters.view == view)
        }
        stateOptions = p.choices(ClaimState.allCases) { $0 == filters.state }
        areaOptions = p.choices(SolutionArea.allCases) { $0 == filters.solutionArea }
        activityOptions = p.choices(Activity.allCases) { $0 == filters.activity }
        nextHref = page.next.map { next in
            var after = filters
            after.after = next
            return Route.claims(after).href
        }
        let largest = max(counts.values.max() ?? 0, 1)
        chart = Chart(bars: ClaimState.allCases.enumerated().map { index, state in
            let count = counts[state] ?? 0
            return Chart.Bar(label: l(state.messageKey), count: count, tone: ClaimPresenter.badgeTone(state),
                             y: index * Chart.rowHeight,
                             // Bars use 0–100 of a 100-unit-wide area; the label column sits beside it.
                             width: count == 0 ? 0 : max(1, count * 100 / largest),
                             href: Self.stateHrefs[index], current: filters.state == state)
        })
    }
}
