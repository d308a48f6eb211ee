import Claims
import Foundation
import SQLite

extension SQLiteClaimStore {
    /// One page of an organization's claims. Keyset pagination: the page after a cursor is found by
    /// seeking the sort index, never by skipping rows, so the 2,000th page is as quick as the first.
    public func dashboard(_ query: DashboardQuery) throws -> DashboardPage {
        let rows = try database.pool.read { db in
            let (sql, parameters) = try Self.dashboardSQL(query, in: db)
            return try db.query(sql, parameters).map { try Self.dashboardRow($0, sort: query.sort) }
        }
        guard let limit = query.limit, rows.count > limit else { return DashboardPage(rows: rows, next: nil) }
        let page = Array(rows.prefix(limit))
        return DashboardPage(rows: page, next: page.last?.cursor)
    }

    /// How many of the organization's claims are in each state (states with none are absent), read
    /// from the counts the schema's triggers keep, not by counting the claims.
    public func stateCounts(organizationID: Int64) throws -> [ClaimState: Int] {
        try database.pool.read { db in
            var counts: [ClaimState: Int] = [:]
            for row in try db.query("SELECT state, count FROM claim_state_counts WHERE organization_id = ? AND count > 0",
                                    [organizationID]) {
                if let state = ClaimState(rawValue: try row.string("state")) { counts[state] = try row.int("count") }
            }
            return counts
        }
    }

    /// The plan SQLite would use for `query`, for tests that check every order is index-backed.
    public func dashboardPlan(_ query: DashboardQuery) throws -> [String] {
        try database.pool.read { db in
            let (sql, parameters) = try Self.dashboardSQL(query, in: db)
            return try db.query("EXPLAIN QUERY PLAN " + sql, parameters).map { try $0.string("detail") }
        }
    }

    static func dashboardSQL(_ query: DashboardQuery, in db: Connection) throws -> (String, [any SQLiteBindable]) {
        var conditions = ["organization_id = ?"]
        var parameters: [any SQLiteBindable] = [query.organizationID]
        if let state = query.state {
            conditions.append("state = ?")
            parameters.append(state.rawValue)
        }
        if query.needsPartnerAction {
            let states = ClaimState.allCases.filter(\.needsPartnerAction)
            conditions.append("state IN (\(Array(repeating: "?", count: states.count).joined(separator: ", ")))")
            parameters += states.map(\.rawValue)
        }
        if let area = query.solutionArea {
            conditions.append("solution_area = ?")
            parameters.append(area.rawValue)
        }
        if let activity = query.activity {
            conditions.append("activity = ?")
            parameters.append(activity.rawValue)
        }
        let search = query.search.trimmingCharacters(in: .whitespacesAndNewlines)
        if !search.isEmpty {
            if let number = number(of: ClaimID(search.uppercased())) {
                conditions.append("number = ?")
                parameters.append(number)
            } else if let phrase = ClaimSearch.phrase(search) {
                if let numbers = try ClaimSearch.fewMatches(phrase, in: db) {
                    // Look the few matches up by number and sort them, rather than walk the
                    // organization's index past every claim that does not match.
                    conditions[0] = "+organization_id = ?"
                    conditions.append("number IN (\(ClaimSearch.listedNumbers))")
                    parameters.append(numbers)
                } else {
                    conditions.append("number IN (\(ClaimSearch.matchingNumbers))")
                    parameters.append(phrase)
                }
            } else {
                let pattern = "%" + search.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                conditions.append("""
                    (name LIKE ? ESCAPE '\\' OR customer_name LIKE ? ESCAPE '\\' OR customer_domain LIKE ? ESCAPE '\\'
                     OR tenant_id LIKE ? ESCAPE '\\')
                    """)
                parameters += [pattern, pattern, pattern, pattern]
            }
        }
        let key = query.sort.expression
        let direction = query.descending ? "DESC" : "ASC"
        if let after = query.after {
            conditions.append("(\(key), number) \(query.descending ? "<" : ">") (?, ?)")
            if query.sort.isNumeric {
                parameters.append(Int64(after.key) ?? 0)
            } else {
                parameters.append(after.key)
            }
            parameters.append(after.number)
        }
        var sql = """
            SELECT number, name, customer_name, customer_domain, tenant_id, solution_area, activity, state,
                sent_for_evaluation_at, deadline_kind, deadline_at, updated_at, \(key) AS sort_key,
                (SELECT group_concat(product) FROM claim_products p WHERE p.claim_number = claims.number) AS products,
                CASE WHEN state IN ('rejected', 'rejected_final') THEN json_extract(document, '$.rejection.reasons') END
                    AS rejection_reasons,
                \(ClaimRows.endCauseSQL("state", "document")) AS end_cause
            FROM claims WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(key) \(direction), number \(direction)
            """
        if let limit = query.limit {
            sql += " LIMIT ?"
            parameters.append(limit + 1)
        }
        return (sql, parameters)
    }

    static func dashboardRow(_ row: Row, sort: DashboardSort) throws -> DashboardRow {
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
            id: id(number: number),
            name: try row.string("name"),
            customerName: try row.string("customer_name"),
            customerDomain: try row.string("customer_domain"),
            tenantID: try row.optionalString("tenant_id"),
            solutionArea: try row.optionalString("solution_area").flatMap(SolutionArea.init(rawValue:)),
            products: (try row.optionalString("products") ?? "").split(separator: ",")
                .compactMap { Product(rawValue: String($0)) }.sorted(),
            activity: try row.optionalString("activity").flatMap(Activity.init(rawValue:)),
            state: ClaimState(rawValue: try row.string("state")) ?? .draft,
            sentForIncentiveEvaluation: try row.optionalInt64("sent_for_evaluation_at") != nil,
            endCause: try row.optionalString("end_cause").flatMap(AssociationEnd.Cause.init(rawValue:)),
            rejectionReasons: try row.optionalString("rejection_reasons")
                .map { try ClaimRows.decode([String].self, from: $0).compactMap(RejectionReason.init(rawValue:)) } ?? [],
            deadline: deadline,
            updatedAt: Date(millisecondsSince1970: try row.int64("updated_at")),
            cursor: DashboardCursor(number: number, key: sortKey))
    }
}
