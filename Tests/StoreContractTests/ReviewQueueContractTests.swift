import Claims
import Foundation
import Storage
import Testing

/// The review queue: its views, searches, keyset pages and counts, the same on every backend.
@Suite struct ReviewQueueContractTests {
    typealias World = ClaimWorld
    static let soon = World.monday.addingTimeInterval(3600)
    static let farAhead = World.monday.addingTimeInterval(365 * 86400)

    static func tenant(_ index: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", index) }

    /// The claims the queue is tried on, by what they are.
    struct Claims {
        var submitted: ClaimID      // Contoso, on tenant 1, competing with `competitor`
        var inReview: ClaimID       // Contoso, Rita's
        var actionRequired: ClaimID // Contoso, Rita's, waiting on the partner
        var competitor: ClaimID     // Fabrikam, on tenant 1
        var disputed: ClaimID       // Fabrikam, Rita's
        var draft: ClaimID          // Fabrikam, not in the queue
        var approved: ClaimID       // Contoso, decided
    }

    static func claims(_ world: World) throws -> Claims {
        let submitted = try world.submitted(by: world.contoso, form: World.form(name: "Teams rollout EMEA", tenant: tenant(1),
                                                                               customer: "Northwind", domain: "northwind.example"))
        let inReview = try world.submitted(by: world.contoso, form: World.form(name: "Intranet", tenant: tenant(2), customer: "Ab",
                                                                              domain: "ab.example"))
        try world.apply(.startReview, to: inReview.id, by: world.reviewer)
        let actionRequired = try world.submitted(by: world.contoso, form: World.form(name: "Records archive", tenant: tenant(3),
                                                                                    customer: "Tailspin", domain: "tailspin.example"))
        try world.apply(.startReview, to: actionRequired.id, by: world.reviewer)
        try world.apply(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Sign it", productsToRemove: []),
                        to: actionRequired.id, by: world.reviewer)
        let competitor = try world.submitted(by: world.fabrikam, form: World.fabrikamForm(name: "Collaboration", tenant: tenant(1)))
        let disputed = try world.submitted(by: world.fabrikam, form: World.fabrikamForm(name: "Abacus", tenant: tenant(4)))
        try world.apply(.startReview, to: disputed.id, by: world.reviewer)
        try world.apply(.reject(reasons: [.insufficientPoE], comment: "No"), to: disputed.id, by: world.reviewer)
        try world.apply(.dispute(justification: "It is there", evidence: []), to: disputed.id, by: world.fabrikam)
        let draft = try world.draft(by: world.fabrikam, form: World.fabrikamForm(name: "Not yet", tenant: tenant(5)))
        let approved = try world.approved(try world.submitted(by: world.contoso, form: World.form(name: "Done", tenant: tenant(6))).id)
        return Claims(submitted: submitted.id, inReview: inReview.id, actionRequired: actionRequired.id, competitor: competitor.id,
                      disputed: disputed.id, draft: draft.id, approved: approved.id)
    }

    static func ids(_ world: World, _ view: ReviewQueueQuery.View = .all, search: String = "", now: Date = soon) throws -> [ClaimID] {
        try world.store.reviewQueue(ReviewQueueQuery(view: view, reviewer: String(world.reviewerID), search: search, limit: 100, now: now))
            .rows.map(\.id)
    }

    @Test(arguments: Backend.all) func eachViewListsItsClaimsMostUrgentFirst(_ backend: Backend) throws {
        let world = try World(backend)
        let c = try Self.claims(world)
        let all = try world.store.reviewQueue(ReviewQueueQuery(reviewer: String(world.reviewerID), limit: 100, now: Self.soon)).rows
        #expect(Set(all.map(\.id)) == [c.submitted, c.inReview, c.actionRequired, c.competitor, c.disputed])
        let keys = all.map { ($0.deadline?.dueAt ?? .distantPast, StoredClaims.number(of: $0.id)!) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "deadline, then number")
        #expect(Set(try Self.ids(world, .unassigned)) == [c.submitted, c.competitor])
        #expect(Set(try Self.ids(world, .mine)) == [c.inReview, c.actionRequired, c.disputed])
        #expect(try Self.ids(world, .disputes) == [c.disputed])
        #expect(Set(try Self.ids(world, .competing)) == [c.submitted, c.competitor])
        #expect(try Self.ids(world, .overdue, now: World.monday).isEmpty)
        #expect(Set(try Self.ids(world, .overdue, now: Self.farAhead)) == Set(all.map(\.id)))
        #expect(try Self.ids(world, .everything) == [c.approved, c.draft, c.disputed, c.competitor, c.actionRequired, c.inReview, c.submitted],
                "every claim, newest first")

        let mine = try #require(all.first { $0.id == c.inReview })
        #expect(mine.state == .inReview && mine.organizationName == "Contoso" && mine.assignedReviewer == String(world.reviewerID))
        #expect(mine.assignedReviewerName == "Rita" && mine.customerName == "Ab" && mine.customerDomain == "ab.example")
        #expect(mine.tenantID == Self.tenant(2) && mine.products == [Product.exchangeOnline, .teams].sorted() && !mine.competing)
        #expect(mine.deadline != nil && mine.endCause == nil)
        #expect(all.first { $0.id == c.competitor }?.organizationName == "Fabrikam")
    }

    @Test(arguments: Backend.all) func searchFindsAClaimATenantAnOrganizationOrText(_ backend: Backend) throws {
        let world = try World(backend)
        let c = try Self.claims(world)
        #expect(try Self.ids(world, search: c.inReview.rawValue.lowercased()) == [c.inReview])
        #expect(try Self.ids(world, search: String(StoredClaims.number(of: c.inReview)!)) == [c.inReview], "a bare number")
        #expect(Set(try Self.ids(world, search: Self.tenant(1).uppercased())) == [c.submitted, c.competitor], "a tenant, in any case")
        #expect(Set(try Self.ids(world, search: "fabrikam")) == [c.competitor, c.disputed], "an organization's whole name, in any case")
        #expect(try Self.ids(world, search: "ROLLOUT") == [c.submitted], "any part of a name")
        #expect(try Self.ids(world, search: "spin.exa") == [c.actionRequired], "any part of a domain")
        #expect(try Self.ids(world, search: "ab") == [c.inReview], "two letters: a whole customer name, not part of a claim's name")
        #expect(try Self.ids(world, search: "Done").isEmpty, "decided claims are not waiting")
        #expect(try Self.ids(world, .everything, search: "Done") == [c.approved])
        #expect(try Self.ids(world, search: "nothing like it").isEmpty)
    }

    @Test(arguments: Backend.all) func keysetPagesFollowOnWithoutGapsOrRepeats(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try Self.claims(world)
        for view in [ReviewQueueQuery.View.all, .mine, .everything] {
            var query = ReviewQueueQuery(view: view, reviewer: String(world.reviewerID), limit: 2, now: Self.soon)
            var seen: [ClaimID] = []
            while true {
                let page = try world.store.reviewQueue(query)
                seen += page.rows.map(\.id)
                guard let next = page.next else { break }
                #expect(page.rows.count == 2)
                query.after = next
            }
            #expect(seen == (try Self.ids(world, view)), "\(view)")
            #expect(!seen.isEmpty)
        }
    }

    @Test(arguments: Backend.all) func countsAgreeWithTheViews(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try Self.claims(world)
        for now in [World.monday, Self.farAhead] {
            let counts = try world.store.reviewQueueCounts(at: now)
            #expect(counts.states.map(\.state) == [.submitted, .inReview, .partnerActionRequired, .disputed])
            for view in [ReviewQueueQuery.View.all, .overdue, .disputes, .unassigned, .competing] {
                #expect(counts.count(of: view) == (try Self.ids(world, view, now: now)).count, "\(view) at \(now)")
            }
        }
        let counts = try world.store.reviewQueueCounts(at: World.monday)
        #expect(counts.states.map(\.total) == [2, 1, 1, 1] && counts.unassigned == 2 && counts.competing == 2)
    }
}
