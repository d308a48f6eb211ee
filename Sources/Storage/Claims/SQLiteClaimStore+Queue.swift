import Claims
import Foundation
import SQLite

/// The review queue: claims waiting on a reviewer or partner, across every organization, most
/// urgent first. Every view and search is answered from an index (see migration 4) in the queue's
/// order, reading one page; `ReviewQueueSQLTests` checks the plans.
extension SQLiteClaimStore {
    /// The queue's states, written out because SQLite uses a partial index only when the query's
    /// WHERE repeats the index's condition literally (a bound parameter would not match).
    static let queueStates = "c.state IN ('submitted', 'in_review', 'partner_action_required', 'disputed')"
    static let queueStateOrder: [ClaimState] = [.submitted, .inReview, .partnerActionRequired, .disputed]

    public func reviewQueue(_ query: ReviewQueueQuery) throws -> ReviewQueuePage {
        try database.pool.read { db in
            let (sql, parameters) = try Self.reviewQueueSQL(query, in: db, statistics: database.claimSearchStatistics)
            var rows: [QueueRowRead] = []
            rows.reserveCapacity(query.limit + 1)
            try db.forEachRow(sql, parameters) { rows.append(try QueueRowRead($0)) }
            var next: ReviewQueueCursor?
            if rows.count > query.limit {
                rows.removeLast(rows.count - query.limit)
                let last = rows[rows.count - 1]
                next = ReviewQueueCursor(deadline: last.deadlineAt ?? Int64.min, number: last.number)
            }
            return ReviewQueuePage(rows: rows.map { $0.row() }, next: next)
        }
    }

    /// A row of the queue's SELECT, read in place by position (the page's hot path, see
    /// `reviewQueueSQL` for the order), kept until the page is known to hold it.
    private struct QueueRowRead {
        let number: Int64
        let deadlineAt: Int64?
        let state: ClaimState
        let name, customerName, customerDomain, organizationName: String
        let tenantID, assignedReviewer, reviewerName: String?
        let deadline: Deadline?
        let competing: Bool
        let endCause: AssociationEnd.Cause?
        let products: [Product]

        init(_ row: StatementRow) throws {
            number = try row.int64(at: 0)
            state = try row.stored(at: 1, StoredValues.states) ?? .submitted
            name = try row.string(at: 2)
            customerName = try row.string(at: 3)
            customerDomain = try row.string(at: 4)
            tenantID = try row.optionalString(at: 5)
            assignedReviewer = try row.optionalString(at: 6)
            deadlineAt = try row.optionalInt64(at: 8)
            deadline = if let kind = try row.stored(at: 7, StoredValues.deadlineKinds), let deadlineAt {
                Deadline(kind: kind, dueAt: Date(millisecondsSince1970: deadlineAt))
            } else { nil }
            competing = try row.int64(at: 9) == 1
            organizationName = try row.string(at: 10)
            reviewerName = try row.optionalString(at: 11)
            endCause = try row.stored(at: 12, StoredValues.endCauses)
            products = try row.withOptionalText(at: 13, StoredValues.productList) ?? []
        }

        func row() -> ReviewQueueRow {
            ReviewQueueRow(id: SQLiteClaimStore.id(number: number), state: state, name: name, organizationName: organizationName,
                           customerName: customerName, customerDomain: customerDomain, tenantID: tenantID, products: products,
                           assignedReviewer: assignedReviewer, assignedReviewerName: reviewerName, deadline: deadline,
                           competing: competing, endCause: endCause)
        }
    }

    /// The statement for one page, with its parameters. Claims drive the join (CROSS JOIN fixes
    /// the order), so the index chosen for them also gives the order and no sort is needed.
    static func reviewQueueSQL(_ query: ReviewQueueQuery, in db: Connection,
                               statistics: ClaimSearchStatistics) throws -> (String, [any SQLiteBindable]) {
        var conditions = query.view.isQueue ? [queueStates] : []
        var parameters: [any SQLiteBindable] = []
        switch query.view {
        case .all, .everything: break
        case .unassigned: conditions.append("c.assigned_reviewer IS NULL")
        case .mine:
            conditions.append("c.assigned_reviewer = ?")
            parameters.append(query.reviewer)
        case .overdue:
            conditions.append("c.deadline_at <= ?")
            parameters.append(query.now.millisecondsSince1970)
        case .disputes: conditions.append("c.state = 'disputed'")
        case .competing: conditions.append("c.competing = 1")
        }
        // Left alone, the planner would rather seek the (state, deadline) index once per state and
        // sort everything it found; naming the index that is already in deadline order avoids that.
        var index: String? = switch query.view {
        case .all, .overdue: "claims_review_queue"
        case .unassigned, .mine: "claims_review_assignee"
        case .disputes: "claims_review_state"
        case .competing: "claims_review_competing"
        // Newest first along the primary key, which is already in that order.
        case .everything: nil
        }
        let search = query.search.trimmingCharacters(in: .whitespacesAndNewlines)
        if !search.isEmpty {
            // A claim, a tenant or an organization is found by its own index; text by its trigrams.
            let viewIndex = index
            index = nil
            if let number = number(of: ClaimID(search.uppercased())) ?? Int64(search) {
                conditions.append("c.number = ?")
                parameters.append(number)
            } else if let tenant = TenantID(parsing: search) {
                conditions.append("c.tenant_id = ?")
                parameters.append(tenant.rawValue)
            } else {
                let organizations = try db.query("SELECT id FROM organizations WHERE name = ? COLLATE NOCASE", [search])
                    .map { try $0.int64("id") }
                if let organization = organizations.first {
                    index = "claims_review_organization"
                    conditions.append("c.organization_id = ?")
                    parameters.append(organization)
                } else if let phrase = ClaimSearch.phrase(search) {
                    // Few matches are looked up and sorted; many are filtered in the view's own order.
                    if let numbers = try ClaimSearch.fewMatches(search, phrase: phrase, in: db, statistics: statistics) {
                        conditions.append("c.number IN (\(ClaimSearch.listedNumbers))")
                        parameters.append(numbers)
                    } else {
                        conditions.append("c.number IN (\(ClaimSearch.matchingNumbers))")
                        parameters.append(phrase)
                        index = viewIndex
                    }
                } else {
                    conditions.append("(c.customer_name = ? COLLATE NOCASE OR c.customer_domain = ? COLLATE NOCASE)")
                    parameters += [search, search]
                }
            }
        }
        if !query.view.isQueue {
            // The queue's indexes hold waiting claims only; every claim is read by the organization's
            // own (organization, number) index or the primary key, both already newest-first.
            index = nil
            // A keyset on the primary key, from the top when there is no cursor.
            conditions.append("c.number < ?")
            parameters.append(query.after?.number ?? Int64.max)
        } else if let after = query.after {
            conditions.append("(c.deadline_at, c.number) > (?, ?)")
            parameters += [after.deadline, after.number]
        }
        parameters.append(query.limit + 1)
        // `QueueRowRead` reads these columns by position: change both together.
        let sql = """
            SELECT c.number, c.state, c.name, c.customer_name, c.customer_domain, c.tenant_id, c.assigned_reviewer,
                c.deadline_kind, c.deadline_at, c.competing, o.name AS organization_name, u.name AS reviewer_name,
                \(ClaimRows.endCauseSQL("c.state", "c.document")) AS end_cause,
                c.products
            FROM claims c \(index.map { "INDEXED BY \($0) " } ?? "")CROSS JOIN organizations o ON o.id = c.organization_id
                LEFT JOIN users u ON u.id = c.assigned_reviewer
            WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
            ORDER BY \(query.view.isQueue ? "c.deadline_at, c.number" : "c.number DESC")
            LIMIT ?
            """
        return (sql, parameters)
    }

    /// Claims per queue state, and how many are past their deadline at `now`.
    public func reviewQueueCounts(at now: Date) throws -> ReviewQueueCounts {
        try database.pool.read { db in
            let rows = try db.query(Self.reviewQueueCountsSQL, [now.millisecondsSince1970])
            var counts: [ClaimState: (Int, Int)] = [:]
            for row in rows {
                guard let state = StoredValues.states[try row.string("state")] else { continue }
                counts[state] = (try row.int("total"), try row.optionalInt("overdue") ?? 0)
            }
            // Each from its view's own partial index.
            let unassigned = try db.queryOne(Self.unassignedCountSQL)?.int("n") ?? 0
            let competing = try db.queryOne(Self.competingCountSQL)?.int("n") ?? 0
            return ReviewQueueCounts(states: Self.queueStateOrder.map { state in
                ReviewQueueCounts.Count(state: state, total: counts[state]?.0 ?? 0, overdue: counts[state]?.1 ?? 0)
            }, unassigned: unassigned, competing: competing)
        }
    }

    static let unassignedCountSQL = """
        SELECT count(*) AS n FROM claims c INDEXED BY claims_review_assignee
        WHERE \(queueStates) AND c.assigned_reviewer IS NULL
        """
    static let competingCountSQL = """
        SELECT count(*) AS n FROM claims c INDEXED BY claims_review_competing WHERE \(queueStates) AND c.competing = 1
        """

    /// Counted from the (state, deadline) index alone, never the table.
    static let reviewQueueCountsSQL = """
        SELECT c.state, count(*) AS total, sum(c.deadline_at <= ?) AS overdue FROM claims c
        WHERE \(queueStates) GROUP BY c.state
        """
}
