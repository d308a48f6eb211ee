import Foundation
import SQLite
@testable import Storage
import Testing
@testable import App

/// Every review queue statement is answered from an index, in the queue's order, on the real
/// schema: EXPLAIN QUERY PLAN must never show a table scan of claims nor, for the views that page
/// through many claims, a sort.
@Suite struct ReviewQueuePlanTests {
    func plan(_ app: TestApp, _ query: ReviewQueueQuery) throws -> [String] {
        try app.database.pool.read { db in
            let (sql, parameters) = try SQLiteClaimStore.reviewQueueSQL(query, in: db, statistics: app.database.claimSearchStatistics)
            return try db.query("EXPLAIN QUERY PLAN " + sql, parameters).map { try $0.string("detail") }
        }
    }

    @Test func everyViewAndSearchReadsAnIndexInDeadlineOrder() throws {
        let app = try TestApp.withDemoClaims()
        let now = Date()
        let searches = ["", "C-1001", "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0001", "Contoso", "tailspin.example"]
        for view in ReviewQueueQuery.View.allCases {
            for search in searches {
                for after in [nil, ReviewQueueCursor(deadline: 0, number: 1001)] {
                    let query = ReviewQueueQuery(view: view, reviewer: "5", search: search, after: after, now: now)
                    let plan = try plan(app, query)
                    let claims = plan.filter { $0.contains(" c ") || $0.hasSuffix(" c") }
                    #expect(!claims.isEmpty && claims.allSatisfy { $0.contains("INDEX") || $0.contains("PRIMARY KEY") },
                            "\(view) '\(search)': \(plan)")
                    // A view over the whole queue, or one organization's part of it, pages without sorting.
                    if search == "" || search == "Contoso" {
                        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(view) '\(search)': \(plan)")
                    }
                }
            }
        }
    }

    @Test func countsComeFromAnIndexAlone() throws {
        let app = try TestApp.withDemoClaims()
        let plan = try app.database.pool.read { db in
            try db.query("EXPLAIN QUERY PLAN " + SQLiteClaimStore.reviewQueueCountsSQL, [0]).map { try $0.string("detail") }
        }
        #expect(plan.contains { $0.contains("COVERING INDEX") }, "\(plan)")
    }

    @Test func keysetPagesFollowOnWithoutGapsOrRepeats() throws {
        let app = try TestApp.withDemoClaims()
        var seen: [String] = []
        var query = ReviewQueueQuery(reviewer: "5", limit: 2, now: Date())
        while true {
            let page = try app.application.claims.reviewQueue(query)
            seen += page.rows.map(\.id.rawValue)
            guard let next = page.next else { break }
            query.after = next
        }
        let all = try app.application.claims.reviewQueue(ReviewQueueQuery(reviewer: "5", now: Date())).rows.map(\.id.rawValue)
        #expect(seen == all)
        #expect(all.count == 7)
    }
}
