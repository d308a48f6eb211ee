import Claims
import Foundation
import Seeding
import Storage
import Testing

/// `cpor seed` writes the same claims on every backend: the same numbers, states, names and
/// organizations, and exactly the asked-for number due at `now`.
@Suite struct SampleSeedContractTests {
    static let now = Date(timeIntervalSince1970: 1_772_442_000) // 2026-03-02 09:00 Madrid
    static let count = 400
    static let due = 9

    /// What a seeded claim looks like in lists, by number.
    struct Seeded: Equatable {
        let state: ClaimState
        let name: String
        let customer: String
        let organization: String
    }

    /// Seeds fresh stores of `backend`; gives back every claim, each organization's state counts,
    /// and the number a claim created afterwards gets.
    static func seed(_ backend: Backend) throws -> (claims: [Int64: Seeded], counts: [String: [ClaimState: Int]], due: Int, next: ClaimID) {
        let test = try backend.makeStores()
        let summary = try SampleSeed(claims: count, organizations: 3, due: due, now: now, rules: ClaimWorld.rules)
            .run(accounts: test.stores.accounts, loader: test.bulkLoader)
        #expect(summary.claims == count, "\(backend)")
        #expect(summary.numbers == StoredClaims.firstNumber...(StoredClaims.firstNumber + Int64(count) - 1), "\(backend)")
        var claims: [Int64: Seeded] = [:]
        var dueNow = 0
        for number in try #require(summary.numbers) {
            let claim = try #require(try test.stores.claims.claim(StoredClaims.id(number: number)), "\(backend) C-\(number)")
            claims[number] = Seeded(state: claim.state, name: claim.details.name, customer: claim.details.customer.name,
                                    organization: claim.organization.rawValue)
            if claim.dueTimer(at: now) != nil { dueNow += 1 }
        }
        var counts: [String: [ClaimState: Int]] = [:]
        for name in ["Contoso", "Fabrikam", "Partner 3"] {
            let organization = try #require(try test.stores.accounts.organization(named: name), "\(backend) \(name)")
            counts[name] = try test.stores.claims.stateCounts(organizationID: organization.id)
        }
        let partner = Actor.partner(PartnerUser(id: UserID("1"), role: .incentivesAdmin, organization: OrganizationID("1")))
        let next = try test.stores.claims.create { id in try Claim.draft(id: id, form: ClaimWorld.form(), by: partner, at: now) }.claim.id
        return (claims, counts, dueNow, next)
    }

    @Test(arguments: Backend.all)
    func aSeedHasEveryStateAndExactlyTheDueClaimsAskedFor(_ backend: Backend) throws {
        let seeded = try Self.seed(backend)
        #expect(seeded.claims.count == Self.count)
        #expect(seeded.due == Self.due, "\(backend)")
        #expect(seeded.counts.values.flatMap(\.values).reduce(0, +) == Self.count, "\(backend)")
        #expect(Set(seeded.claims.values.map(\.state)).count >= 8, "\(backend): \(Set(seeded.claims.values.map(\.state)))")
        // The store's own numbering continues after the seeded claims.
        #expect(seeded.next == StoredClaims.id(number: StoredClaims.firstNumber + Int64(Self.count)), "\(backend)")
    }

    /// SQLite twice (the same arguments seed the same store), then every other backend.
    @Test func everyBackendSeedsTheSameClaims() throws {
        let all = try ([.sqlite] + Backend.all).map { ($0, try Self.seed($0)) }
        let (_, first) = try #require(all.first)
        for (backend, seeded) in all.dropFirst() {
            #expect(seeded.counts == first.counts, "\(backend)")
            #expect(seeded.claims == first.claims, "\(backend)")
        }
    }
}
