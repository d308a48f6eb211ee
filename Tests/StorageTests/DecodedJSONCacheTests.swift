import Claims
import Foundation
import Testing
@testable import Storage

/// Decoded JSON is remembered only with the very text it came from: a row that changes, or the
/// same row number in another database, is decoded afresh.
@Suite struct DecodedJSONCacheTests {
    struct Note: Codable, Sendable, Equatable {
        var text: String
    }

    @Test func theSameTextIsDecodedOnceAndChangedTextAgain() throws {
        let cache = DecodedJSONCache<Note>(capacity: 10)
        #expect(try cache.value(key: 1, text: #"{"text":"first"}"#) == Note(text: "first"))
        #expect(try cache.value(key: 1, text: #"{"text":"first"}"#) == Note(text: "first"))
        #expect(cache.count == 1)
        #expect(try cache.value(key: 1, text: #"{"text":"second"}"#) == Note(text: "second"), "never the stale value")
        #expect(try cache.value(key: 2, text: #"{"text":"first"}"#) == Note(text: "first"))
        #expect(cache.count == 2)
    }

    @Test func aValueRememberedWithItsTextIsWhatTheTextDecodesTo() throws {
        let cache = DecodedJSONCache<Note>(capacity: 10)
        cache.remember(key: 7, text: #"{"text":"saved"}"#, value: Note(text: "saved"))
        #expect(cache.count == 1)
        #expect(try cache.value(key: 7, text: #"{"text":"saved"}"#) == Note(text: "saved"))
        #expect(try cache.value(key: 7, text: #"{"text":"rolled back"}"#) == Note(text: "rolled back"),
                "a save that did not commit leaves other text in the row, which the remembered value does not answer for")
    }

    @Test func aSavedClaimIsLoadedAsItsDocumentDecodes() throws {
        let world = try ClaimStoreTests.world()
        let saved = try ClaimStoreTests.submitted(world, by: world.contoso)
        let loaded = try #require(try world.store.claim(saved.id))
        #expect(loaded == saved)
        let number = try #require(StoredClaims.number(of: saved.id))
        #expect(try StoredClaims.decode(Claim.self, from: StoredClaims.document(saved)) == StoredClaims.core(of: saved))
        #expect(try StoredClaims.core(number: number, document: StoredClaims.document(saved)) == StoredClaims.core(of: saved))
    }

    @Test func badTextThrowsAndIsNotKept() {
        let cache = DecodedJSONCache<Note>(capacity: 10)
        #expect(throws: (any Error).self) { try cache.value(key: 1, text: "{not json") }
        #expect(cache.count == 0)
    }

    @Test func itNeverHoldsMoreThanItsCapacity() throws {
        let cache = DecodedJSONCache<Note>(capacity: 10)
        for key in 0..<25 {
            #expect(try cache.value(key: Int64(key), text: #"{"text":"note \#(key)"}"#) == Note(text: "note \(key)"))
            #expect(cache.count <= 10)
        }
        // Forgotten or kept, every row still reads as its text says.
        for key in 0..<25 {
            #expect(try cache.value(key: Int64(key), text: #"{"text":"note \#(key)"}"#) == Note(text: "note \(key)"))
        }
    }

    @Test func twoDatabasesWithTheSameClaimNumberEachReadTheirOwn() throws {
        let first = try ClaimStoreTests.world(), second = try ClaimStoreTests.world()
        var form = ClaimStoreTests.form()
        form.name = "In the first database"
        let one = try first.store.create { id in try Claim.draft(id: id, form: form, by: first.contoso, at: ClaimStoreTests.monday) }.claim
        form.name = "In the second database"
        let two = try second.store.create { id in try Claim.draft(id: id, form: form, by: second.contoso, at: ClaimStoreTests.monday) }.claim
        #expect(one.id == two.id)
        for _ in 0..<2 {
            #expect(try first.store.claim(one.id)?.details.name == "In the first database")
            #expect(try second.store.claim(two.id)?.details.name == "In the second database")
        }
    }
}
