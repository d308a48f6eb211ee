import Claims
import Foundation
import SQLite
import Testing
@testable import Storage

/// A search finds exactly the claims whose name, customer name, domain or tenant ID holds the
/// text in any case, as the trigram index's phrase query does, whether it asks the index for the
/// whole phrase or for a few rare trigrams and checks the candidates' text itself.
@Suite struct ClaimSearchTests {
    struct Texts {
        var name: String
        var customer = "Customer Ltd"
        var domain = "customer.example"
    }

    /// One Contoso draft per entry, its text written straight into the row (the triggers keep the
    /// index in step), so that any text can be tried.
    static func store(_ texts: [Texts]) throws -> (ClaimStoreTests.World, [Int64]) {
        let world = try ClaimStoreTests.world()
        var numbers: [Int64] = []
        for text in texts {
            let claim = try world.store.create { id in
                try Claim.draft(id: id, form: ClaimStoreTests.form(), by: world.contoso, at: ClaimStoreTests.monday)
            }.claim
            let number = try #require(SQLiteClaimStore.number(of: claim.id))
            try world.temp.database.pool.write { db in
                try db.run("UPDATE claims SET name = ?, customer_name = ?, customer_domain = ? WHERE number = ?",
                           [text.name, text.customer, text.domain, number])
            }
            numbers.append(number)
        }
        return (world, numbers)
    }

    static let texts: [Texts] = [
        Texts(name: "Énergie solaire rollout", customer: "ÉCOLE Polytechnique"),
        Texts(name: "Straße der Pariser Kommune", customer: "STRASSE Holdings"),
        Texts(name: "\u{212A}elvin sign labs", customer: "İstanbul Office"),
        Texts(name: "Save 50% off_sale now", customer: "Fifty_Percent & Co"),
        Texts(name: "Say \"hello\" world", customer: "Quote \"Unquote\" AG"),
        // Every trigram of "abcdefg" occurs, but never in a row.
        Texts(name: "abcd-cdef", customer: "efg labs"),
        Texts(name: "Rocket 🚀 Launch 🚀🚀", customer: "ПРИВЕТ мир"),
        Texts(name: "Cafe\u{301} Paris", customer: "ΟΔΟΣ Holdings", domain: "odos.example"),
        Texts(name: "Teams rollout EMEA", customer: "Northwind Traders", domain: "northwind.example"),
        Texts(name: "Teams ROLLOUT emea", customer: "northwind traders", domain: "NORTHWIND.example"),
    ]

    static let searches = [
        "énergie", "ÉNERGIE SOLAIRE", "énergie solaire rollout", "ecole polytechnique", "école polytechnique",
        "straße der", "STRASSE HOLD", "strasse der", "kelvin sign", "\u{212A}ELVIN SIGN", "İSTANBUL", "istanbul office",
        "50% off_sale", "50% off", "off_sa", "fifty_percent", "\"hello\" wo", "say \"hello\"", "\"unquote\" ag",
        "abcdefg", "abcd-cdef", "cdef efg", "rocket 🚀 launch", "🚀🚀🚀", "🚀 laun", "привет мир", "ПРИВЕТ МИ",
        "cafe\u{301} par", "café paris", "οδος hold", "ΟΔΟΣ HOLD", "odos.example", "ROLLOUT EMEA", "northwind.ex",
        "northwind traders", "nothing like it", "customer ltd", "CUSTOMER.EXAMPLE", "3f2504e0-4f89",
    ]

    /// What the index's phrase query finds: the search before rare trigrams, and the definition.
    static func phraseMatches(_ text: String, in database: Database) throws -> [Int64] {
        try database.pool.read { db in
            try db.query(ClaimSearch.matchingNumbers, [try #require(ClaimSearch.phrase(text))]).map { try $0.int64("rowid") }
        }.sorted()
    }

    @Test func checkedCandidatesAreExactlyWhatThePhraseFinds() throws {
        let (world, _) = try Self.store(Self.texts)
        let database = world.temp.database
        for search in Self.searches {
            let expected = try Self.phraseMatches(search, in: database)
            let checked = try database.pool.read { db in
                try ClaimSearch.checkedMatches(search, in: db, statistics: database.claimSearchStatistics)
            }
            // Up to five characters (three trigrams) the phrase itself is asked for.
            #expect(checked == (search.unicodeScalars.count > 5 ? expected : nil), "\(search)")
            let listed = try database.pool.read { db in
                try ClaimSearch.fewMatches(search, phrase: ClaimSearch.phrase(search)!, in: db,
                                           statistics: database.claimSearchStatistics)
            }
            #expect(listed == "[" + expected.map(String.init).joined(separator: ",") + "]", "\(search)")
        }
    }

    @Test func aSearchFindsItsTextInAnyCaseAndNothingElse() throws {
        let (world, numbers) = try Self.store(Self.texts)
        let organization = try #require(try SQLiteAccountStore(database: world.temp.database).organization(named: "Contoso")).id
        func found(_ search: String) throws -> Set<Int64> {
            Set(try world.store.dashboard(DashboardQuery(organizationID: organization, search: search)).rows
                .map { SQLiteClaimStore.number(of: $0.id)! })
        }
        #expect(try found("ÉNERGIE SOLAIRE") == [numbers[0]])
        #expect(try found("école polytechnique") == [numbers[0]])
        #expect(try found("straße der") == [numbers[1]])
        #expect(try found("привет мир") == [numbers[6]])
        #expect(try found("🚀 laun") == [numbers[6]])
        #expect(try found("say \"hello\"") == [numbers[4]])
        #expect(try found("50% off_sale") == [numbers[3]])
        #expect(try found("abcdefg").isEmpty)
        #expect(try found("northwind traders") == [numbers[8], numbers[9]])
        // Shorter than a trigram: LIKE, with its wildcards taken literally.
        #expect(try found("0%") == [numbers[3]])
        #expect(try found("y_") == [numbers[3]])
        // Trimmed, as typed into the box.
        #expect(try found("  rollout emea ") == [numbers[8], numbers[9]])
    }

    @Test func theReviewQueueSearchChecksCandidatesTheSameWay() throws {
        let (world, numbers) = try Self.store(Self.texts)
        func found(_ search: String) throws -> Set<Int64> {
            Set(try world.store.reviewQueue(ReviewQueueQuery(view: .everything, reviewer: "9", search: search, now: Date()))
                .rows.map { SQLiteClaimStore.number(of: $0.id)! })
        }
        #expect(try found("ÉNERGIE SOLAIRE") == [numbers[0]])
        #expect(try found("abcdefg").isEmpty)
        #expect(try found("rollout emea") == [numbers[8], numbers[9]])
    }

    @Test func theRarestTrigramsThatDoNotOverlapAreChosen() throws {
        let (world, _) = try Self.store([Texts(name: "graphicdesign-energy-96000")])
        try world.temp.database.pool.read { db in
            let tokenizer = try db.fts5Tokenizer(ClaimSearch.tokenizer)
            let search = try #require(try SearchText("GraphicDesign-Energy-96000", tokenizer: tokenizer))
            #expect(search.keys.count == 24)
            #expect(String(decoding: search.folded, as: UTF8.self) == "graphicdesign-energy-96000")
            #expect(search.trigram(at: 13) == "-En")
            // "n-e" (position 12) and "000" (23) are rare; every other trigram is common.
            var counts: [UInt64: Int32] = [:]
            for (position, key) in search.keys.enumerated() { counts[key] = [12: 5, 23: 7, 22: 8][position] ?? 90 }
            let frequencies = ClaimSearchStatistics.Snapshot(takenAt: .now, claims: 100_000, sampled: 1000, counts: counts)
            #expect(ClaimSearch.rareTrigrams(of: search, frequencies) == [12, 23])
            // Were everything common, the checking would cost more than the whole phrase.
            let common = ClaimSearchStatistics.Snapshot(takenAt: .now, claims: 100_000, sampled: 1000,
                                                        counts: counts.mapValues { _ in 900 })
            #expect(ClaimSearch.rareTrigrams(of: search, common) == nil)
            // A trigram the sample never saw is the rarest of all.
            #expect(ClaimSearch.rareTrigrams(of: search, ClaimSearchStatistics.Snapshot(
                takenAt: .now, claims: 1000, sampled: 1000, counts: [:]))?.first == 0)
        }
    }

    @Test func theSampleCountsTrigramsAcrossTheClaims() throws {
        let (world, _) = try Self.store([Texts(name: "Alpha one"), Texts(name: "Alpha two"), Texts(name: "Beta three"),
                                         Texts(name: "ÉNERGIE ALPHA")])
        try world.temp.database.pool.read { db in
            let tokenizer = try db.fts5Tokenizer(ClaimSearch.tokenizer)
            let snapshot = try ClaimSearchStatistics.sample(in: db, tokenizer: tokenizer, at: .now)
            #expect(snapshot.sampled == 4 && snapshot.claims == 4)
            func estimate(_ trigram: String) throws -> Double {
                snapshot.estimate(try #require(try SearchText(trigram, tokenizer: tokenizer)).keys[0])
            }
            // ASCII is folded without the tokenizer, other text through it: both count alike.
            #expect(try estimate("ALP") == 3)
            #expect(try estimate("éne") == 1 && estimate("ÉNE") == 1 && estimate("ner") == 1)
            #expect(try estimate("bet") == 1)
            // Once per claim, though its customer's name and domain both hold it.
            #expect(try estimate("cus") == 4)
            #expect(try estimate("zzz") == 0)
        }
    }

    @Test func textTheTokenizerStopsInIsLeftToThePhrase() throws {
        let (world, _) = try Self.store([])
        try world.temp.database.pool.read { db in
            let tokenizer = try db.fts5Tokenizer(ClaimSearch.tokenizer)
            #expect(try SearchText("before\u{0}after", tokenizer: tokenizer) == nil)
            #expect(try FoldedText.holds("BEFORE\u{0}after", Array("efore".utf8), tokenizer: tokenizer))
            #expect(try !FoldedText.holds("BEFORE\u{0}after", Array("after".utf8), tokenizer: tokenizer))
            #expect(try FoldedText.holds("BÉFORE\u{0}after", Array("éfore".utf8), tokenizer: tokenizer))
            #expect(try !FoldedText.holds("BÉFORE\u{0}after", Array("after".utf8), tokenizer: tokenizer))
        }
    }
}

@Suite struct TrigramCountsTests {
    /// Counts survive the table's growth, and a claim counts once per trigram however often it holds it.
    @Test func countsAreKeptAcrossGrowthAndOncePerClaim() {
        var counts = TrigramCounts()
        for claim: Int32 in 1...3 {
            for key: UInt64 in 1...20_000 where key % UInt64(claim) == 0 {
                counts.count(key, in: claim)
                counts.count(key, in: claim)
            }
        }
        let dictionary = counts.dictionary
        #expect(dictionary.count == 20_000)
        #expect(dictionary[1] == 1 && dictionary[2] == 2 && dictionary[3] == 2 && dictionary[6] == 3 && dictionary[20_000] == 2)
        #expect(dictionary[20_001] == nil)
    }
}
