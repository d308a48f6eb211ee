import Claims
import Foundation
import Storage
import Testing

/// The tenant directory: an import replaces it whole or not at all, and lookups give the domain
/// what it needs, on every backend.
@Suite struct TenantDirectoryContractTests {
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

    @Test(arguments: Backend.all) func anEmptyStoreHasNoDirectory(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.tenantDirectory
        #expect(try store.directory(for: [Self.contoso]) == .notLoaded)
        #expect(try store.figures() == DirectoryFigures(counts: .init(), lastChange: nil))
    }

    @Test(arguments: Backend.all) func anImportIsLookedUpAsTheDomainSeesIt(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.tenantDirectory
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

    @Test(arguments: Backend.all) func anotherImportReplacesTheWholeDirectory(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.tenantDirectory
        try store.replace(with: [Self.contosoEntry, Self.fabrikamEntry], source: "first.csv", at: Self.now)
        try store.replace(with: [Self.entry(Self.fabrikam, domains: ["fabrikam.net"])], source: "second.csv",
                          at: Self.now.addingTimeInterval(60))
        let directory = try store.directory(for: [Self.contoso, Self.fabrikam])
        #expect(directory.entry(for: Self.contoso) == nil)
        #expect(directory.entry(for: Self.fabrikam)?.domains == [DomainName(parsing: "fabrikam.net")!])
        let figures = try store.figures()
        #expect(figures.counts.tenants == 1 && figures.counts.subscriptionTotal == 0)
        #expect(figures.lastChange == .init(at: Self.now.addingTimeInterval(60), source: "second.csv"))
    }

    @Test(arguments: Backend.all) func aFailingImportLeavesThePreviousDirectory(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.tenantDirectory
        try store.replace(with: [Self.contosoEntry], source: "good.csv", at: Self.now)
        // Two tenants claiming one domain: the table's key refuses the second, and everything rolls back.
        #expect(throws: (any Error).self) {
            try store.replace(with: [Self.fabrikamEntry, Self.entry(Self.contoso, domains: ["fabrikam.com"])],
                              source: "bad.csv", at: Self.now.addingTimeInterval(60))
        }
        #expect(try store.directory(for: [Self.contoso]).entry(for: Self.contoso) == Self.contosoEntry)
        #expect(try store.figures().lastChange?.source == "good.csv")
    }

    @Test(arguments: Backend.all) func clearingTurnsTheChecksOff(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.tenantDirectory
        try store.replace(with: [Self.contosoEntry], source: "tenants.csv", at: Self.now)
        try store.clear(at: Self.now.addingTimeInterval(60))
        #expect(try store.directory(for: [Self.contoso]) == .notLoaded)
        #expect(try store.figures().lastChange == .init(at: Self.now.addingTimeInterval(60), source: ""))
    }

    /// A large import goes in whole: every tenant, domain and subscription, in batches.
    @Test(arguments: Backend.all) func aLargeImportKeepsEveryRow(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.tenantDirectory
        let entries = (0..<12_000).map { index in
            Self.entry(TenantID(parsing: String(format: "00000000-0000-4000-8000-%012d", index))!, domains: ["t\(index).example"], [
                DirectorySubscription(id: SubscriptionID(parsing: String(format: "10000000-0000-4000-8000-%012d", index))!,
                                      product: .powerBI, status: index.isMultiple(of: 3) ? .disabled : .active),
            ])
        }
        let figures = try store.replace(with: entries, source: "big.csv", at: Self.now)
        #expect(figures.counts.tenants == 12_000 && figures.counts.domains == 12_000)
        #expect(figures.counts.subscriptions == [.disabled: 4000, .active: 8000])
        #expect(try store.figures() == figures)
        #expect(try store.directory(for: [entries[11_999].tenantID]).entry(for: entries[11_999].tenantID) == entries[11_999])
    }
}
