import Claims
import Foundation
import Seeding
import Storage
import Testing

/// Every claim, history entry, document uploader, comment author and queued e-mail of the demo
/// store, written again by `StoredClaims.json`, is byte for byte what `JSONEncoder` with sorted
/// keys writes: the stored text did not change when the encoder did.
struct StoredJSONTextTests {
    @Test func demoStoreTextsAreJSONEncodersBytes() throws {
        let app = try TestApp()
        let application = app.application
        try DemoClaims.seed(accounts: application.accounts, claims: application.claims, rules: application.rules, now: Date())
        try DemoClaims.seedShowcase(accounts: application.accounts, claims: application.claims, rules: application.rules, now: Date())
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys]

        func check<T: Codable>(_ type: T.Type, _ sql: String, column: String) throws -> Int {
            let texts = try app.database.pool.read { try $0.query(sql) }.map { try $0.string(column) }
            for text in texts {
                let value = try JSONDecoder().decode(T.self, from: Data(text.utf8))
                let expected = String(decoding: try foundation.encode(value), as: UTF8.self)
                #expect(try StoredClaims.json(value) == expected)
                #expect(text == expected)
            }
            return texts.count
        }
        let claims = try check(Claim.self, "SELECT document FROM claims", column: "document")
        let history = try check(HistoryEntry.self, "SELECT entry FROM history", column: "entry")
        let uploaders = try check(Actor.self, "SELECT uploaded_by FROM poe_documents", column: "uploaded_by")
        let authors = try check(Actor.self, "SELECT author FROM comments", column: "author")
        let emails = try check(OutgoingEmail.self, "SELECT email FROM outbox", column: "email")
        #expect(claims > 20 && history > 100 && uploaders > 20 && authors >= 5 && emails > 20)
        // Claims in every stage of the workflow, from draft to final rejection.
        let states = try app.database.pool.read { try $0.query("SELECT DISTINCT state FROM claims") }.map { try $0.string("state") }
        #expect(states.count >= 8)
    }
}
