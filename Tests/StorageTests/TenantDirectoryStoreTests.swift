import Claims
import Foundation
import SQLite
import Testing
import TestSupport
@testable import Storage

/// The tenant directory in SQLite: an import replaces it whole or not at all, lookups give the
/// domain what it needs, and the sweep reads only the claims whose notice disagrees with it.
@Suite struct TenantDirectoryStoreTests {
    static let now = Date(timeIntervalSince1970: 1_796_119_200) // 2026-12-01 10:00 UTC
    static let contoso = TenantID(parsing: "3f2504e0-4f89-11d3-9a0c-0305e82c3301")!
    static let fabrikam = TenantID(parsing: "7d9f3c1a-2b4e-4f60-8a71-0c5d6e7f8a9b")!
    static let sales = SubscriptionID(parsing: "11111111-1111-4111-8111-111111111111")!
    static let powerBI = SubscriptionID(parsing: "22222222-2222-4222-8222-222222222222")!

    static func entry(_ tenant: TenantID, domains: [String], _ subscriptions: [DirectorySubscription] = []) -> TenantDirectoryEntry {
        TenantDirectoryEntry(tenantID: tenant, domains: domains.map { DomainName(parsing: $0)! }, subscriptions: subscriptions)
    }

    static let contosoEntry = entry(contoso, domains: ["contoso.com", "contoso.onmicrosoft.com"], [
        DirectorySubscription(id: sales, product: .dynamics365Sales, status: .active),
        DirectorySubscription(id: powerBI, product: .powerBI, status: .grace),
    ])
    static let fabrikamEntry = entry(fabrikam, domains: ["fabrikam.com"])

    @Test func anEmptyStoreHasNoDirectory() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteTenantDirectoryStore(database: temp.database)
        #expect(try store.directory(for: [Self.contoso]) == .notLoaded)
        #expect(try store.figures() == DirectoryFigures(counts: .init(), lastChange: nil))
    }

    @Test func anImportIsLookedUpAsTheDomainSeesIt() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteTenantDirectoryStore(database: temp.database)
        let figures = try store.replace(with: [Self.contosoEntry, Self.fabrikamEntry], source: "tenants.csv", at: Self.now)
        #expect(figures.counts.tenants == 2 && figures.counts.domains == 3)
        #expect(figures.counts.subscriptions == [.active: 1, .grace: 1])
        #expect(try store.figures() == figures)

        let directory = try store.directory(for: [Self.contoso, TenantID(parsing: "00000000-0000-4000-8000-000000000000")!])
        #expect(directory.isLoaded)
        #expect(directory.entry(for: Self.contoso) == Self.contosoEntry)
        #expect(directory.entry(for: Self.fabrikam) == nil, "only the tenants asked about")
        #expect(try store.directory(for: []).isLoaded)
    }

    @Test func anotherImportReplacesTheWholeDirectory() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteTenantDirectoryStore(database: temp.database)
        try store.replace(with: [Self.contosoEntry, Self.fabrikamEntry], source: "first.csv", at: Self.now)
        try store.replace(with: [Self.entry(Self.fabrikam, domains: ["fabrikam.net"])], source: "second.csv", at: Self.now.addingTimeInterval(60))
        let directory = try store.directory(for: [Self.contoso, Self.fabrikam])
        #expect(directory.entry(for: Self.contoso) == nil)
        #expect(directory.entry(for: Self.fabrikam)?.domains == [DomainName(parsing: "fabrikam.net")!])
        let figures = try store.figures()
        #expect(figures.counts.tenants == 1 && figures.counts.subscriptionTotal == 0)
        #expect(figures.lastChange == .init(at: Self.now.addingTimeInterval(60), source: "second.csv"))
    }

    @Test func aFailingImportLeavesThePreviousDirectory() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteTenantDirectoryStore(database: temp.database)
        try store.replace(with: [Self.contosoEntry], source: "good.csv", at: Self.now)
        // Two tenants claiming one domain: the table's key refuses the second, and everything rolls back.
        #expect(throws: SQLiteError.self) {
            try store.replace(with: [Self.fabrikamEntry, Self.entry(Self.contoso, domains: ["fabrikam.com"])],
                              source: "bad.csv", at: Self.now.addingTimeInterval(60))
        }
        #expect(try store.directory(for: [Self.contoso]).entry(for: Self.contoso) == Self.contosoEntry)
        #expect(try store.figures().lastChange?.source == "good.csv")
    }

    @Test func clearingTurnsTheChecksOff() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteTenantDirectoryStore(database: temp.database)
        try store.replace(with: [Self.contosoEntry], source: "tenants.csv", at: Self.now)
        try store.clear(at: Self.now.addingTimeInterval(60))
        #expect(try store.directory(for: [Self.contoso]) == .notLoaded)
        #expect(try store.figures().lastChange == .init(at: Self.now.addingTimeInterval(60), source: ""))
    }
}

/// Migration 10 on a store that already holds claims, as an upgrade meets it.
@Suite struct DirectoryMigrationTests {
    @Test func claimsStoredBeforeTheDirectoryHaveNoNotice() throws {
        let temp = try TemporaryDatabase()
        let partner = Actor.partner(PartnerUser(id: UserID("1"), role: .incentivesAdmin, organization: OrganizationID("1")))
        let claim = try Claim.draft(id: SQLiteClaimStore.id(number: 1001), form: ClaimStoreTests.form(), by: partner,
                                    at: ClaimStoreTests.monday).claim
        let connection = try Connection(path: temp.path)
        try Migrator(Array(Schema.migrations.prefix(9))).migrate(connection)
        try connection.run("INSERT INTO organizations (id, name, created_at) VALUES (1, 'Contoso', 0)")
        try connection.run("""
            INSERT INTO claims (number, organization_id, version, state, name, customer_name, customer_domain, tenant_id,
                created_at, updated_at, document)
            VALUES (1001, 1, 1, 'draft', ?, ?, ?, ?, 0, 0, ?)
            """, [claim.details.name, claim.details.customer.name, claim.details.customer.domain!.rawValue,
                  claim.details.customer.tenantID!.rawValue, try ClaimRows.document(claim)])
        connection.close()

        let database = try Database(path: temp.path)
        defer { database.close() }
        let notice = try database.pool.read { db in try db.scalar("SELECT subscription_notice FROM claims WHERE number = 1001") }
        #expect(notice == .integer(0))
        #expect(try SQLiteClaimStore(database: database).claim(claim.id) == claim)
        #expect(try SQLiteTenantDirectoryStore(database: database).directory(for: [claim.details.customer.tenantID!]) == .notLoaded)
    }
}

/// The claim store's directory sweep on a real file.
@Suite struct DirectorySweepStoreTests {
    typealias T = TenantDirectoryStoreTests
    static let rules = ClaimStoreTests.rules

    /// An approved Business Applications claim on `tenant` naming `subscription`.
    static func approved(_ world: ClaimStoreTests.World, tenant: TenantID = T.contoso,
                         subscription: SubscriptionID = T.sales) throws -> Claim {
        var form = ClaimStoreTests.form(tenant: tenant.rawValue, products: [.dynamics365Sales])
        form.solutionArea = SolutionArea.businessApplications.rawValue
        form.subscriptionID = subscription.rawValue
        let claim = try ClaimStoreTests.submitted(world, by: world.contoso, form: form)
        try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.startReview, by: world.reviewer, at: ClaimStoreTests.monday, rules: rules)
        }
        return try world.store.update(claim.id, expectedVersion: nil) { claim, others in
            try claim.applying(.approve, by: world.reviewer, at: ClaimStoreTests.monday, rules: rules, claimsOnSameTenant: others)
        }.claim
    }

    static func importing(_ status: SubscriptionStatus, into world: ClaimStoreTests.World, at time: Date = T.now) throws {
        try SQLiteTenantDirectoryStore(database: world.temp.database).replace(with: [T.entry(T.contoso, domains: ["customer.example"], [
            DirectorySubscription(id: T.sales, product: .dynamics365Sales, status: status),
        ])], source: "tenants.csv", at: time)
    }

    static func sweep(_ world: ClaimStoreTests.World, at now: Date = T.now, limit: Int = 100) throws -> [Transition] {
        var all: [Transition] = []
        var cursor: ClaimID?
        repeat {
            let batch = try world.store.sweepDirectory(at: now, after: cursor, limit: limit) { claim, directory in
                claim.reconciled(with: directory, at: now, rules: rules)
            }
            all += batch.transitions
            cursor = batch.next
        } while cursor != nil
        return all
    }

    @Test func aDisabledSubscriptionIsNotedOnceAndClearedWhenActiveAgain() throws {
        let world = try ClaimStoreTests.world()
        let claim = try Self.approved(world)
        #expect(try Self.sweep(world).isEmpty, "no directory, nothing to compare")
        try Self.importing(.active, into: world)
        #expect(try Self.sweep(world).isEmpty)

        try Self.importing(.disabled, into: world)
        let noted = try Self.sweep(world)
        #expect(noted.map(\.claim.id) == [claim.id])
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.subscriptionNotice?.subscriptionID == T.sales)
        #expect(stored.state == .approved)
        #expect(try world.store.history(of: claim.id).last?.event == .subscriptionStatus(T.sales, .disabled))
        #expect(try Self.sweep(world).isEmpty, "noted once")

        try Self.importing(.grace, into: world)
        #expect(try Self.sweep(world).map(\.claim.subscriptionNotice) == [nil])
        #expect(try world.store.claim(claim.id)?.subscriptionNotice == nil)
        #expect(try Self.sweep(world).isEmpty)
    }

    @Test func theSweepPagesThroughEveryCandidateOnce() throws {
        let world = try ClaimStoreTests.world()
        var ids: [ClaimID] = []
        for index in 0..<5 {
            let tenant = TenantID(parsing: String(format: "00000000-0000-4000-8000-%012d", index))!
            ids.append(try Self.approved(world, tenant: tenant, subscription: SubscriptionID(parsing: String(format: "10000000-0000-4000-8000-%012d", index))!).id)
        }
        try SQLiteTenantDirectoryStore(database: world.temp.database).replace(with: (0..<5).map { index in
            T.entry(TenantID(parsing: String(format: "00000000-0000-4000-8000-%012d", index))!, domains: ["t\(index).example"], [
                DirectorySubscription(id: SubscriptionID(parsing: String(format: "10000000-0000-4000-8000-%012d", index))!,
                                      product: .dynamics365Sales, status: index == 2 ? .active : .disabled),
            ])
        }, source: "tenants.csv", at: T.now)
        let noted = try Self.sweep(world, limit: 2)
        #expect(noted.map(\.claim.id) == [ids[0], ids[1], ids[3], ids[4]])
        #expect(try Self.sweep(world, limit: 2).isEmpty)
    }

    @Test func theSweepReadsFromIndexesNotEveryClaim() throws {
        let world = try ClaimStoreTests.world()
        func plan(_ sql: String) throws -> String {
            try world.temp.database.pool.read { db in
                try db.query("EXPLAIN QUERY PLAN " + sql, ["[\"disabled\"]", "[\"approved\"]", 0, 10])
                    .map { try $0.string("detail") }.joined(separator: "; ")
            }
        }
        let newly = try plan(SQLiteClaimStore.newlyRefusedSQL)
        #expect(newly.contains("directory_subscriptions_status") && newly.contains("claims_subscription"), "\(newly)")
        #expect(!newly.contains("SCAN c"), "\(newly)")
        let again = try plan(SQLiteClaimStore.acceptedAgainSQL)
        #expect(again.contains("claims_subscription_notice"), "\(again)")
        #expect(!again.contains("SCAN c "), "\(again)")
    }
}
