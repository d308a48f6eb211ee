#if Postgres
import Claims
import Foundation
import Postgres
import Storage

extension PostgresClaimStore {
    /// One page of an organization's claims, by keyset pagination on (sort key, number), in the
    /// same orders as SQLite's: case-insensitive orders by `lower(…)`, missing values as ''.
    public func dashboard(_ query: DashboardQuery) throws -> DashboardPage {
        try read { connection in try Self.dashboardPage(query, in: connection) }
    }

    /// The pages in one REPEATABLE READ transaction (`read`), which sees one snapshot throughout.
    public func forEachDashboardPage(_ query: DashboardQuery, _ body: (DashboardPage) throws -> Void) throws {
        try read { connection in try query.walkPages({ try Self.dashboardPage($0, in: connection) }, body) }
    }

    private static func dashboardPage(_ query: DashboardQuery, in connection: PostgresConnection) throws -> DashboardPage {
        let (sql, parameters) = dashboardSQL(query)
        return DashboardPage(readingOnePast: query.limit, rows: try connection.query(sql, parameters.values).map(dashboardRow))
    }

    /// How many of the organization's claims are in each state (states with none are absent), from
    /// the counts the schema's triggers keep.
    public func stateCounts(organizationID: Int64) throws -> [ClaimState: Int] {
        try database.read { connection in
            var counts: [ClaimState: Int] = [:]
            for row in try connection.query("SELECT state, count FROM claim_state_counts WHERE organization_id = $1 AND count > 0",
                                            [organizationID]) {
                if let state = ClaimState(rawValue: try row.string("state")) { counts[state] = try row.int("count") }
            }
            return counts
        }
    }

    static func dashboardSQL(_ query: DashboardQuery) -> (String, BoundParameters) {
        var parameters = BoundParameters()
        var conditions = ["organization_id = \(parameters.bind(query.organizationID))"]
        if let state = query.state {
            conditions.append("state = \(parameters.bind(state.rawValue))")
        }
        if query.needsPartnerAction {
            conditions.append(StoredClaims.partnerActionCondition)
        }
        if let area = query.solutionArea {
            conditions.append("solution_area = \(parameters.bind(area.rawValue))")
        }
        if let activity = query.activity {
            conditions.append("activity = \(parameters.bind(activity.rawValue))")
        }
        let search = query.search.trimmingCharacters(in: .whitespacesAndNewlines)
        if !search.isEmpty {
            if let number = StoredClaims.number(of: ClaimID(search.uppercased())) {
                conditions.append("number = \(parameters.bind(number))")
            } else {
                conditions.append(ClaimTextSearch.condition(parameters.bind(ClaimTextSearch.pattern(search))))
            }
        }
        let order = DashboardOrder(query.sort)
        let direction = query.descending ? "DESC" : "ASC"
        if let after = query.after {
            let key = order.isNumeric ? parameters.bind(Int64(after.key) ?? 0) : parameters.bind(after.key)
            let comparison = query.descending ? "<" : ">"
            conditions.append("(\(order.expression), number) \(comparison) (\(order.cursor(key)), \(parameters.bind(after.number)))")
        }
        var sql = """
            SELECT number, name, customer_name, customer_domain, tenant_id, solution_area, activity, state,
                sent_for_evaluation_at, deadline_kind, deadline_at, updated_at, \(order.key) AS sort_key,
                products,
                CASE WHEN state IN ('rejected', 'rejected_final') THEN (document::jsonb -> 'rejection' -> 'reasons')::text END
                    AS rejection_reasons,
                \(PostgresClaimRows.endCauseSQL) AS end_cause
            FROM claims WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order.expression) \(direction), number \(direction)
            """
        if let limit = query.limit {
            sql += " LIMIT \(parameters.bind(limit + 1))"
        }
        return (sql, parameters)
    }

    static func dashboardRow(_ row: PostgresRow) throws -> DashboardRow {
        let number = try row.int64("number")
        let deadline: Deadline? = try row.optionalString("deadline_kind").flatMap(DeadlineKind.init(rawValue:)).map {
            Deadline(kind: $0, dueAt: Date(millisecondsSince1970: try row.int64("deadline_at")))
        }
        let sortKey: String = switch try row.value("sort_key") {
        case .integer(let value): String(value)
        case .text(let value): value
        default: ""
        }
        return DashboardRow(
            id: StoredClaims.id(number: number),
            name: try row.string("name"),
            customerName: try row.string("customer_name"),
            customerDomain: try row.string("customer_domain"),
            tenantID: try row.optionalString("tenant_id"),
            solutionArea: try row.optionalString("solution_area").flatMap(SolutionArea.init(rawValue:)),
            products: StoredClaims.products(try row.string("products")),
            activity: try row.optionalString("activity").flatMap(Activity.init(rawValue:)),
            state: ClaimState(rawValue: try row.string("state")) ?? .draft,
            sentForIncentiveEvaluation: try row.optionalInt64("sent_for_evaluation_at") != nil,
            endCause: try row.optionalString("end_cause").flatMap(AssociationEnd.Cause.init(rawValue:)),
            rejectionReasons: try row.optionalString("rejection_reasons")
                .map { try StoredClaims.decode([String].self, from: $0).compactMap(RejectionReason.init(rawValue:)) } ?? [],
            deadline: deadline,
            updatedAt: Date(millisecondsSince1970: try row.int64("updated_at")),
            cursor: DashboardCursor(number: number, key: sortKey))
    }
}
#endif
