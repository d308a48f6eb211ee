import Claims
import Foundation
import SQLite

extension SQLiteClaimStore {
    /// One page of an organization's claims. Keyset pagination: the page after a cursor is found by
    /// seeking the sort index, never by skipping rows, so the 2,000th page is as quick as the first.
    public func dashboard(_ query: DashboardQuery) throws -> DashboardPage {
        try database.pool.read { db in try dashboardPage(query, in: db) }
    }

    /// The pages in one deferred transaction, which in WAL mode reads one snapshot and holds back
    /// no writer.
    public func forEachDashboardPage(_ query: DashboardQuery, _ body: (DashboardPage) throws -> Void) throws {
        try database.pool.read { db in
            try db.transaction(.deferred) { try query.walkPages({ try dashboardPage($0, in: db) }, body) }
        }
    }

    private func dashboardPage(_ query: DashboardQuery, in db: Connection) throws -> DashboardPage {
        let (sql, parameters) = try Self.dashboardSQL(query, in: db, statistics: database.claimSearchStatistics)
        var rows: [DashboardRow] = []
        rows.reserveCapacity((query.limit ?? 50) + 1)
        // Each row read in place, never copied into a `Row` first: this is the page's hot path.
        try db.forEachRow(sql, parameters) { rows.append(try Self.dashboardRow($0, sort: query.sort)) }
        return DashboardPage(readingOnePast: query.limit, rows: rows)
    }

    /// How many of the organization's claims are in each state (states with none are absent), read
    /// from the counts the schema's triggers keep, not by counting the claims.
    public func stateCounts(organizationID: Int64) throws -> [ClaimState: Int] {
        try database.pool.read { db in
            var counts: [ClaimState: Int] = [:]
            for row in try db.query("SELECT state, count FROM claim_state_counts WHERE organization_id = ? AND count > 0",
                                    [organizationID]) {
                if let state = StoredValues.states[try row.string("state")] { counts[state] = try row.int("count") }
            }
            return counts
        }
    }

    /// The plan SQLite would use for `query`, for tests that check every order is index-backed.
    public func dashboardPlan(_ query: DashboardQuery) throws -> [String] {
        try database.pool.read { db in
            let (sql, parameters) = try Self.dashboardSQL(query, in: db, statistics: database.claimSearchStatistics)
            return try db.query("EXPLAIN QUERY PLAN " + sql, parameters).map { try $0.string("detail") }
        }
    }

    static func dashboardSQL(_ query: DashboardQuery, in db: Connection,
                             statistics: ClaimSearchStatistics) throws -> (String, [any SQLiteBindable]) {
        var conditions = ["organization_id = ?"]
        var parameters: [any SQLiteBindable] = [query.organizationID]
        if let state = query.state {
            conditions.append("state = ?")
            parameters.append(state.rawValue)
        }
        if query.needsPartnerAction {
            conditions.append(StoredClaims.partnerActionCondition)
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
                if let numbers = try ClaimSearch.fewMatches(search, phrase: phrase, in: db, statistics: statistics) {
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
                products,
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

    /// The dashboard SELECT's columns, in its order: rows are read by position, the page's hot path.
    private enum Column: Int {
        case number, name, customerName, customerDomain, tenantID, solutionArea, activity, state
        case sentForEvaluationAt, deadlineKind, deadlineAt, updatedAt, sortKey, products, rejectionReasons, endCause

        /// The SELECT's names in the same order; debug builds check every row against them.
        static let names = ["number", "name", "customer_name", "customer_domain", "tenant_id", "solution_area", "activity",
                            "state", "sent_for_evaluation_at", "deadline_kind", "deadline_at", "updated_at", "sort_key",
                            "products", "rejection_reasons", "end_cause"]
    }

    static func dashboardRow(_ row: StatementRow, sort: DashboardSort) throws -> DashboardRow {
        assert((0..<row.columnCount).map(row.columnName(at:)) == Column.names, "the dashboard's SELECT and its Column enum disagree")
        func string(_ column: Column) throws -> String { try row.string(at: column.rawValue) }
        func optionalString(_ column: Column) throws -> String? { try row.optionalString(at: column.rawValue) }
        func stored<Value>(_ column: Column, _ table: RawValueTable<Value>) throws -> Value? {
            try row.stored(at: column.rawValue, table)
        }
        let number = try row.int64(at: Column.number.rawValue)
        let deadline: Deadline? = try stored(.deadlineKind, StoredValues.deadlineKinds).map {
            Deadline(kind: $0, dueAt: Date(millisecondsSince1970: try row.int64(at: Column.deadlineAt.rawValue)))
        }
        let sortKey: String = switch try row.value(at: Column.sortKey.rawValue) {
        case .integer(let value): String(value)
        case .text(let value): value
        default: ""
        }
        return DashboardRow(
            id: id(number: number),
            name: try string(.name),
            customerName: try string(.customerName),
            customerDomain: try string(.customerDomain),
            tenantID: try optionalString(.tenantID),
            solutionArea: try stored(.solutionArea, StoredValues.solutionAreas),
            // Split as bytes: a Character split runs grapheme breaking over every list of products.
            products: try row.withOptionalText(at: Column.products.rawValue, StoredValues.productList) ?? [],
            activity: try stored(.activity, StoredValues.activities),
            state: try stored(.state, StoredValues.states) ?? .draft,
            sentForIncentiveEvaluation: try row.optionalInt64(at: Column.sentForEvaluationAt.rawValue) != nil,
            endCause: try stored(.endCause, StoredValues.endCauses),
            rejectionReasons: try optionalString(.rejectionReasons)
                .map { try (StoredValues.plainStrings($0) ?? ClaimRows.decode([String].self, from: $0))
                    .compactMap { StoredValues.rejectionReasons[$0] } } ?? [],
            deadline: deadline,
            updatedAt: Date(millisecondsSince1970: try row.int64(at: Column.updatedAt.rawValue)),
            cursor: DashboardCursor(number: number, key: sortKey))
    }
}
