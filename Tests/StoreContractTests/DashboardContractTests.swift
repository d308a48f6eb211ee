import Claims
import Foundation
import Storage
import Testing

/// The partner dashboard: filters, every order in both directions with keyset pages, search, and
/// what a row says, the same on every backend.
@Suite struct DashboardContractTests {
    typealias World = ClaimWorld

    static func tenant(_ index: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", index) }

    /// Seven Contoso drafts whose names, customers and tenants sort differently, with ties in
    /// every case-insensitive order; the last two are submitted (so they have deadlines).
    static func sevenClaims(_ world: World) throws -> [Claim] {
        let names = ["beta", "Alpha", "alpha", "Gamma", "delta", "Beta", "Epsilon"]
        let customers = ["Zed", "acme", "Acme", "bravo", "Bravo", "zed", "Mid"]
        var claims: [Claim] = []
        for index in 0..<7 {
            let form = World.form(name: names[index], tenant: tenant((index * 5) % 7), customer: customers[index],
                                  products: index.isMultiple(of: 2) ? [.teams, .exchangeOnline] : [.sharePointOnline])
            claims.append(index >= 5 ? try world.submitted(by: world.contoso, form: form) : try world.draft(by: world.contoso, form: form))
        }
        return claims
    }

    /// Every page of `query`, followed by its cursors.
    static func walk(_ store: any ClaimQueries, _ query: DashboardQuery) throws -> [DashboardRow] {
        var query = query
        var rows: [DashboardRow] = []
        while true {
            let page = try store.dashboard(query)
            rows += page.rows
            guard let next = page.next else { return rows }
            #expect(page.rows.count == query.limit)
            query.after = next
        }
    }

    @Test(arguments: Backend.all) func keysetPagesWalkEveryClaimOnceInEveryOrder(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try Self.sevenClaims(world)
        for sort in DashboardSort.allCases {
            for descending in [false, true] {
                let whole = try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, sort: sort, descending: descending,
                                                                     limit: nil))
                #expect(whole.rows.count == 7 && whole.next == nil, "\(sort)")
                let paged = try Self.walk(world.store, DashboardQuery(organizationID: world.contosoID, sort: sort,
                                                                      descending: descending, limit: 3))
                #expect(paged.map(\.id) == whole.rows.map(\.id), "\(sort) \(descending ? "desc" : "asc")")
                var walked: [DashboardRow] = []
                try world.store.forEachDashboardPage(DashboardQuery(organizationID: world.contosoID, sort: sort,
                                                                    descending: descending, limit: 3)) { walked += $0.rows }
                #expect(walked == whole.rows, "\(sort) \(descending ? "desc" : "asc")")
            }
        }
    }

    /// An export's pages come from one snapshot: a claim renamed from a page still to come to
    /// before the cursor, and one renamed from a page already read to after it, are each listed
    /// once, as they were when the walk began (read page by page, the first would be missing and
    /// the second listed twice).
    @Test(arguments: Backend.all) func aWalkOfPagesReadsOneSnapshot(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try Self.sevenClaims(world)
        let byName = DashboardQuery(organizationID: world.contosoID, sort: .name, descending: false, limit: nil)
        let before = try world.store.dashboard(byName).rows
        #expect(before.map(\.id.rawValue) == ["C-1002", "C-1003", "C-1001", "C-1006", "C-1005", "C-1007", "C-1004"])
        var walk = byName
        walk.limit = 3
        var walked: [DashboardRow] = []
        try world.store.forEachDashboardPage(walk) { page in
            if walked.isEmpty {
                try world.apply(.edit(World.form(name: "Aardvark", tenant: Self.tenant(1), customer: "bravo", products: [.sharePointOnline])),
                                to: ClaimID("C-1004"), by: world.contoso)
                try world.apply(.edit(World.form(name: "Zulu", tenant: Self.tenant(5), customer: "acme", products: [.sharePointOnline])),
                                to: ClaimID("C-1002"), by: world.contoso)
            }
            walked += page.rows
        }
        #expect(walked == before)
        let after = try world.store.dashboard(byName).rows.map(\.id.rawValue)
        #expect(after.first == "C-1004" && after.last == "C-1002", "the renames were committed meanwhile")
    }

    /// The orders themselves: names and customers in any case (ties by claim number), claims with
    /// no deadline after those with one, and a cursor that carries the row's own value.
    @Test(arguments: Backend.all) func ordersFoldCaseAndBreakTiesByNumber(_ backend: Backend) throws {
        let world = try World(backend)
        let claims = try Self.sevenClaims(world)
        func ids(_ sort: DashboardSort, descending: Bool = false) throws -> [String] {
            try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, sort: sort, descending: descending, limit: nil))
                .rows.map(\.id.rawValue)
        }
        func expected(_ key: (Claim) -> String) -> [String] {
            claims.sorted { (key($0), StoredClaims.number(of: $0.id)!) < (key($1), StoredClaims.number(of: $1.id)!) }.map(\.id.rawValue)
        }
        #expect(try ids(.name) == expected { $0.details.name.lowercased() })
        #expect(try ids(.name) == ["C-1002", "C-1003", "C-1001", "C-1006", "C-1005", "C-1007", "C-1004"])
        #expect(try ids(.name, descending: true) == expected { $0.details.name.lowercased() }.reversed())
        #expect(try ids(.customer) == expected { $0.details.customer.name.lowercased() })
        #expect(try ids(.tenant) == expected { $0.details.customer.tenantID?.rawValue ?? "" })
        #expect(try ids(.id, descending: true) == claims.map(\.id.rawValue).reversed())
        let deadlines = try ids(.deadline)
        #expect(Array(deadlines.prefix(2)) == ["C-1006", "C-1007"], "submitted claims have deadlines; drafts sort last")
        #expect(try ids(.state) == ["C-1001", "C-1002", "C-1003", "C-1004", "C-1005", "C-1006", "C-1007"], "draft < submitted")

        let first = try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, sort: .name, descending: false, limit: 1))
        #expect(first.next == DashboardCursor(number: 1002, key: "Alpha"))
        let second = try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, sort: .name, descending: false,
                                                              after: DashboardCursor(number: 1002, key: "ALPHA"), limit: 1))
        #expect(second.rows.map(\.id.rawValue) == ["C-1003"], "the cursor's key compares in any case")
        let byDeadline = try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, sort: .deadline, descending: false,
                                                                  limit: 6))
        #expect(byDeadline.next?.key == String(Int64.max), "no deadline sorts as the largest")
    }

    @Test(arguments: Backend.all) func filtersNarrowTheList(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try Self.sevenClaims(world)
        var form = World.form(name: "Dynamics", tenant: Self.tenant(9), products: [.dynamics365Sales])
        form.solutionArea = SolutionArea.businessApplications.rawValue
        let dynamics = try world.draft(by: world.contoso, form: form)
        _ = try world.draft(by: world.fabrikam, form: World.fabrikamForm())
        func ids(_ query: DashboardQuery) throws -> [String] { try world.store.dashboard(query).rows.map(\.id.rawValue).sorted() }
        #expect(try ids(DashboardQuery(organizationID: world.contosoID, state: .submitted)) == ["C-1006", "C-1007"])
        #expect(try ids(DashboardQuery(organizationID: world.contosoID, solutionArea: .businessApplications)) == [dynamics.id.rawValue])
        #expect(try ids(DashboardQuery(organizationID: world.contosoID, activity: .usageDeployment)).count == 8)
        var action = DashboardQuery(organizationID: world.contosoID)
        action.needsPartnerAction = true
        #expect(try ids(action) == ["C-1001", "C-1002", "C-1003", "C-1004", "C-1005", "C-1008"], "drafts are the partner's move")
        #expect(try ids(DashboardQuery(organizationID: world.fabrikamID)) == ["C-1009"], "each organization sees its own")
    }

    @Test(arguments: Backend.all) func searchFindsAnyPartOfTheTextInAnyCase(_ backend: Backend) throws {
        let world = try World(backend)
        let teams = try world.draft(by: world.contoso, form: World.form(name: "Teams rollout EMEA", tenant: Self.tenant(1),
                                                                        customer: "Northwind"))
        let cutOver = try world.draft(by: world.contoso, form: World.form(name: "Exchange \"cut-over\" wave", tenant: World.otherTenant,
                                                                        customer: "Northwind"))
        let percent = try world.draft(by: world.contoso, form: World.form(name: "100% adoption", tenant: Self.tenant(2), customer: "Tailspin",
                                                                        domain: "tailspin.example"))
        let underscore = try world.draft(by: world.contoso, form: World.form(name: "snake_case pilot", tenant: Self.tenant(3),
                                                                           customer: "Tailspin", domain: "tailspin.example"))
        let slash = try world.draft(by: world.contoso, form: World.form(name: "Back\\slash", tenant: Self.tenant(4), customer: "Tailspin",
                                                                      domain: "tailspin.example"))
        func ids(_ search: String) throws -> Set<ClaimID> {
            Set(try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, search: search)).rows.map(\.id))
        }
        #expect(try ids("ROLLOUT") == [teams.id])
        #expect(try ids("  rollout  ") == [teams.id], "surrounding spaces are ignored")
        #expect(try ids("\"cut-over\"") == [cutOver.id])
        #expect(try ids("2222-3333") == [cutOver.id], "part of a tenant ID")
        #expect(try ids("northwind") == [teams.id, cutOver.id])
        #expect(try ids("SPIN.EXA") == [percent.id, underscore.id, slash.id], "part of a domain")
        #expect(try ids("nothing like it").isEmpty)
        #expect(try ids("EM") == [teams.id], "shorter than a trigram: still a substring")
        #expect(try ids("%") == [percent.id], "% matches itself")
        #expect(try ids("_") == [underscore.id], "_ matches itself")
        #expect(try ids("k\\s") == [slash.id], "\\ matches itself")
        #expect(try ids("0% A") == [percent.id])
        #expect(try ids("c-1002") == [cutOver.id], "a claim ID, in any case")
        #expect(try ids("C-9999").isEmpty)
    }

    @Test(arguments: Backend.all) func aRowSaysWhatThePageShows(_ backend: Backend) throws {
        let world = try World(backend)
        let submitted = try world.submitted(by: world.contoso, form: World.form(products: [.teams, .exchangeOnline]))
        let rejected = try world.submitted(by: world.contoso, form: World.form(tenant: Self.tenant(1)))
        try world.apply(.startReview, to: rejected.id, by: world.reviewer)
        try world.apply(.reject(reasons: [.insufficientPoE, .missingProducts], comment: "No signature"), to: rejected.id, by: world.reviewer)
        let rows = try world.store.dashboard(DashboardQuery(organizationID: world.contosoID, sort: .id, descending: false)).rows
        try #require(rows.count == 2)
        let row = rows[0]
        #expect(row.id == submitted.id && row.state == .submitted)
        #expect(row.name == "Exchange migration" && row.customerName == "Customer Ltd" && row.customerDomain == "customer.example")
        #expect(row.tenantID == World.tenant && row.solutionArea == .microsoft365 && row.activity == .usageDeployment)
        #expect(row.products == [Product.teams, .exchangeOnline].sorted())
        #expect(row.deadline == submitted.currentDeadline)
        #expect(row.updatedAt == World.monday && !row.sentForIncentiveEvaluation && row.endCause == nil && row.rejectionReasons.isEmpty)
        #expect(rows[1].state == .rejected && rows[1].rejectionReasons == [.insufficientPoE, .missingProducts])
    }

    /// Lists read a claim's products from its own row: an edit that drops one and adds another
    /// shows in the dashboard and in the review queue at once, in catalog order.
    @Test(arguments: Backend.all) func listedProductsFollowEveryEdit(_ backend: Backend) throws {
        let world = try World(backend)
        let draft = try world.draft(by: world.contoso, form: World.form(products: [.teams, .exchangeOnline]))
        try world.apply(.edit(World.form(products: [.intune, .teams])), to: draft.id, by: world.contoso)
        let query = DashboardQuery(organizationID: world.contosoID, sort: .id, descending: false)
        #expect(try world.store.dashboard(query).rows.map(\.products) == [[.teams, .intune]])
        try world.apply(.edit(World.form(products: [.oneDriveForBusiness])), to: draft.id, by: world.contoso)
        let submitted = try world.submitted(by: world.contoso, form: World.form(tenant: Self.tenant(2), products: [.sharePointOnline, .teams]))
        #expect(try world.store.dashboard(query).rows.map(\.products) == [[.oneDriveForBusiness], [.teams, .sharePointOnline]])
        let queue = try world.store.reviewQueue(ReviewQueueQuery(reviewer: String(world.reviewerID), limit: 10, now: World.monday))
        #expect(queue.rows.first { $0.id == submitted.id }?.products == [.teams, .sharePointOnline])
    }
}
