#if Postgres
import Postgres
import PostgresStorage
import Storage
import Testing

/// PostgreSQL uses a partial index only for a condition it can prove implies the index's own: the
/// dashboard's "Needs your action" condition must stay provably `claims_organization_action`'s.
@Suite struct PostgresDashboardPlanTests {
    @Test func needsYourActionNewestFirstReadsThePartialIndex() throws {
        let store = try PostgresStoreInspectionTests.SeededStore()
        let plan = try store.database.read { connection in
            _ = try connection.query("ANALYZE claims")
            // A seeded store is small enough that a scan of the table would win; without it, the
            // index is what the planner picks if the condition lets it.
            _ = try connection.query("SET enable_seqscan = off")
            defer { _ = try? connection.query("RESET enable_seqscan") }
            return try connection.query("""
                EXPLAIN SELECT number FROM claims WHERE organization_id = 1 AND \(StoredClaims.partnerActionCondition)
                ORDER BY updated_at DESC, number DESC LIMIT 51
                """).map { try $0.string("QUERY PLAN") }
        }
        #expect(plan.contains { $0.contains("claims_organization_action") }, "\(plan)")
    }
}
#endif
