import Claims
import Foundation
import SQLite
import Testing
@testable import Storage

/// A consent link finds its claim through an index on the token's hash; the database never holds
/// the token itself once the e-mail carrying it has been sent.
@Suite struct ConsentTokenIndexTests {
    typealias Fixture = ClaimStoreTests

    static func approved(_ world: Fixture.World) throws -> Claim {
        let claim = try Fixture.submitted(world, by: world.contoso)
        try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.startReview, by: world.reviewer, at: Fixture.monday, rules: Fixture.rules)
        }
        return try world.store.update(claim.id, expectedVersion: nil) { claim, others in
            try claim.applying(.approve, by: world.reviewer, at: Fixture.monday, rules: Fixture.rules, claimsOnSameTenant: others)
        }.claim
    }

    @Test func aTokenFindsItsClaimByAnIndexAndNothingElseFindsOne() throws {
        let world = try Fixture.world()
        let claim = try Self.approved(world)
        #expect(try world.store.claim(consentToken: ConsentToken("token-1"))?.id == claim.id)
        #expect(try world.store.claim(consentToken: ConsentToken("token-2")) == nil)
        #expect(try world.store.claim(consentToken: ConsentToken("")) == nil)
        let plan = try world.temp.database.pool.read { db in
            try db.query("EXPLAIN QUERY PLAN SELECT number FROM claims WHERE consent_token_hash = ?", ["x"])
                .map { try $0.string("detail") }.joined(separator: "; ")
        }
        #expect(plan.contains("claims_consent_token"))
    }

    @Test func theRawTokenLeavesTheDatabaseWhenTheEmailIsSent() throws {
        let world = try Fixture.world()
        _ = try Self.approved(world)
        let outbox = SQLiteOutbox(database: world.temp.database)
        let consent = try #require(try outbox.due(at: Fixture.monday, limit: 10).first { $0.email.kind == .consentRequest })
        #expect(consent.email.parameters["consent_token"] == "token-1")
        try outbox.markSent(consent.id, at: Fixture.monday)

        let sent = try #require(try outbox.recent(limit: 10).first { $0.id == consent.id })
        #expect(sent.status == .sent)
        #expect(sent.email.parameters["consent_token"] == "")
        #expect(sent.email.recipient == consent.email.recipient)
        #expect(try Self.databaseText(world.temp.database).contains("token-1") == false)
        // The link still works: the claim is found by the hash.
        #expect(try world.store.claim(consentToken: ConsentToken("token-1")) != nil)
    }

    /// Every text value in every table, to search for a secret.
    static func databaseText(_ database: Database) throws -> String {
        try database.pool.read { db in
            let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").map { try $0.string("name") }
            var text = ""
            for table in tables {
                for row in try db.query("SELECT * FROM \"\(table)\"") {
                    text += row.values.map { "\($0)" }.joined(separator: "|") + "\n"
                }
            }
            return text
        }
    }
}
