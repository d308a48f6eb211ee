#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// The review queue: claims waiting on a reviewer or partner, across every organization, most
/// urgent first (deadline, then number; no deadline first, as SQLite orders NULLs), each view
/// read from its partial index of migration 4.
extension PostgresClaimStore {
    static let queueStates = "c.state IN ('submitted', 'in_review', 'partner_action_required', 'disputed')"
    static let queueStateOrder: [ClaimState] = [.submitted, .inReview, .partnerActionRequired, .disputed]

    public func reviewQueue(_ query: ReviewQueueQuery) throws -> ReviewQueuePage {
        try read { connection in
            let (sql, parameters) = try Self.reviewQueueSQL(query, in: connection)
            var rows = try connection.query(sql, parameters.values)
            var next: ReviewQueueCursor?
            if rows.count > query.limit {
                rows.removeLast(rows.count - query.limit)
                let last = rows[rows.count - 1]
                next = ReviewQueueCursor(deadline: try last.optionalInt64("deadline_at") ?? Int64.min, number: try last.int64("number"))
            }
            return ReviewQueuePage(rows: try rows.map { row in
                let number = try row.int64("number")
                let deadline: Deadline? = if let kind = try row.optionalString("deadline_kind").flatMap(DeadlineKind.init(rawValue:)),
                                              let at = try row.optionalInt64("deadline_at") {
                    Deadline(kind: kind, dueAt: Date(millisecondsSince1970: at))
                } else { nil }
                return ReviewQueueRow(
                    id: StoredClaims.id(number: number), state: ClaimState(rawValue: try row.string("state")) ?? .submitted,
                    name: try row.string("name"), organizationName: try row.string("organization_name"),
                    customerName: try row.string("customer_name"), customerDomain: try row.string("customer_domain"),
                    tenantID: try row.optionalString("tenant_id"), products: StoredClaims.products(try row.string("products")),
                    assignedReviewer: try row.optionalString("assigned_reviewer"),
                    assignedReviewerName: try row.optionalString("reviewer_name"), deadline: deadline,
                    competing: try row.bool("competing"),
                    endCause: try row.optionalString("end_cause").flatMap(AssociationEnd.Cause.init(rawValue:)))
            }, next: next)
        }
    }

    /// The statement for one page, with its parameters. A search is, in this order: a claim's ID
    /// or number, a tenant ID, a partner organization's whole name, any part of the claims' text
    /// (three characters or more), or a customer's whole name or domain; all in any case.
    static func reviewQueueSQL(_ query: ReviewQueueQuery, in connection: PostgresConnection) throws -> (String, BoundParameters) {
        var conditions = query.view.isQueue ? [queueStates] : []
        var parameters = BoundParameters()
        switch query.view {
        case .all, .everything: break
        case .unassigned: conditions.append("c.assigned_reviewer IS NULL")
        case .mine: conditions.append("c.assigned_reviewer = \(parameters.bind(query.reviewer))")
        case .overdue: conditions.append("c.deadline_at <= \(parameters.bind(query.now.millisecondsSince1970))")
        case .disputes: conditions.append("c.state = 'disputed'")
        case .competing: conditions.append("c.competing")
        }
        let search = query.search.trimmingCharacters(in: .whitespacesAndNewlines)
        if !search.isEmpty {
            if let number = StoredClaims.number(of: ClaimID(search.uppercased())) ?? Int64(search) {
                conditions.append("c.number = \(parameters.bind(number))")
            } else if let tenant = TenantID(parsing: search) {
                conditions.append("c.tenant_id = \(parameters.bind(tenant.rawValue))")
            } else if let organization = try connection.queryOne(
                "SELECT id FROM organizations WHERE lower(name) = lower($1) ORDER BY id LIMIT 1", [search])?.int64("id") {
                conditions.append("c.organization_id = \(parameters.bind(organization))")
            } else if ClaimTextSearch.isPhrase(search) {
                conditions.append(ClaimTextSearch.condition(parameters.bind(ClaimTextSearch.pattern(search)), table: "c"))
            } else {
                let text = parameters.bind(search)
                conditions.append("(lower(c.customer_name) = lower(\(text)) OR lower(c.customer_domain) = lower(\(text)))")
            }
        }
        if !query.view.isQueue {
            // Every claim, newest first: a keyset on the number, from the top when there is no cursor.
            conditions.append("c.number < \(parameters.bind(query.after?.number ?? Int64.max))")
        } else if let after = query.after {
            conditions.append("(c.deadline_at, c.number) > (\(parameters.bind(after.deadline)), \(parameters.bind(after.number)))")
        }
        let sql = """
            SELECT c.number, c.state, c.name, c.customer_name, c.customer_domain, c.tenant_id, c.assigned_reviewer,
                c.deadline_kind, c.deadline_at, c.competing, o.name AS organization_name, u.name AS reviewer_name,
                \(PostgresClaimRows.endCauseSQL) AS end_cause, c.products
            FROM claims c JOIN organizations o ON o.id = c.organization_id
                LEFT JOIN users u ON u.id::text = c.assigned_reviewer
            WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
            ORDER BY \(query.view.isQueue ? "c.deadline_at NULLS FIRST, c.number" : "c.number DESC")
            LIMIT \(parameters.bind(query.limit + 1))
            """
        return (sql, parameters)
    }

    /// Claims per queue state, and how many are past their deadline at `now`.
    public func reviewQueueCounts(at now: Date) throws -> ReviewQueueCounts {
        try read { connection in
            var counts: [ClaimState: (Int, Int)] = [:]
            for row in try connection.query("""
                SELECT c.state, count(*) AS total, count(*) FILTER (WHERE c.deadline_at <= $1) AS overdue FROM claims c
                WHERE \(Self.queueStates) GROUP BY c.state
                """, [now.millisecondsSince1970]) {
                guard let state = ClaimState(rawValue: try row.string("state")) else { continue }
                counts[state] = (try row.int("total"), try row.int("overdue"))
            }
            let unassigned = try connection.queryOne("""
                SELECT count(*) AS n FROM claims c WHERE \(Self.queueStates) AND c.assigned_reviewer IS NULL
                """)?.int("n") ?? 0
            let competing = try connection.queryOne("SELECT count(*) AS n FROM claims c WHERE \(Self.queueStates) AND c.competing")?
                .int("n") ?? 0
            return ReviewQueueCounts(states: Self.queueStateOrder.map { state in
                ReviewQueueCounts.Count(state: state, total: counts[state]?.0 ?? 0, overdue: counts[state]?.1 ?? 0)
            }, unassigned: unassigned, competing: competing)
        }
    }
}
#endif
