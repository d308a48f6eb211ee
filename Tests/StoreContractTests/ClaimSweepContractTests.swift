import Claims
import Foundation
import Storage
import Testing

/// The timer and directory sweeps: each change applied once, a batch all or nothing, and two
/// nodes sweeping at once never applying one timer twice.
@Suite struct ClaimSweepContractTests {
    typealias World = ClaimWorld
    static let later = World.monday.addingTimeInterval(8 * 86400)

    static func fire(at now: Date) -> (Claim) -> Transition? {
        { $0.firingDueTimers(at: now, rules: World.rules) }
    }

    /// `count` approved claims, each on a tenant of its own, whose consent windows close before `later`.
    static func approvedClaims(_ count: Int, in world: World) throws -> [ClaimID] {
        try (0..<count).map { index in
            let tenant = String(format: "00000000-0000-4000-8000-%012d", index)
            return try world.approved(try world.submitted(by: world.contoso, form: World.form(tenant: tenant)).id).id
        }
    }

    @Test(arguments: Backend.all) func theSweepAppliesDueTimersOnce(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.approved(try world.submitted(by: world.contoso).id)
        #expect(try world.store.sweepTimers(at: World.monday.addingTimeInterval(86400), limit: 100, Self.fire(at: Self.later)).isEmpty,
                "nothing is due a day later")
        let first = try world.store.sweepTimers(at: Self.later, limit: 100, Self.fire(at: Self.later))
        #expect(first.map(\.claim.id) == [claim.id])
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.approval?.isSentForIncentiveEvaluation == true)
        #expect(stored.version == claim.version + 1)
        #expect(try world.store.sweepTimers(at: Self.later, limit: 100, Self.fire(at: Self.later)).isEmpty)
        #expect(try world.store.dashboard(DashboardQuery(organizationID: world.contosoID)).rows.first?.sentForIncentiveEvaluation == true)
    }

    @Test(arguments: Backend.all) func aSweepTakesAtMostItsLimitAndABatchIsAllOrNothing(_ backend: Backend) throws {
        let world = try World(backend)
        let ids = try Self.approvedClaims(3, in: world)
        struct Boom: Error {}
        var fired = 0
        #expect(throws: Boom.self) {
            try world.store.sweepTimers(at: Self.later, limit: 100) { claim in
                fired += 1
                if fired == 2 { throw Boom() }
                return claim.firingDueTimers(at: Self.later, rules: World.rules)
            }
        }
        for id in ids { #expect(try world.store.claim(id)?.approval?.isSentForIncentiveEvaluation == false, "\(id) rolled back") }
        let firstTwo = try world.store.sweepTimers(at: Self.later, limit: 2, Self.fire(at: Self.later))
        #expect(firstTwo.count == 2)
        let rest = try world.store.sweepTimers(at: Self.later, limit: 2, Self.fire(at: Self.later))
        #expect(Set((firstTwo + rest).map(\.claim.id)) == Set(ids) && rest.count == 1)
    }

    /// Two nodes sweep at the same moment: neither applies a timer the other applied, and a later
    /// sweep finds whatever both left; in the end each claim was sent for evaluation exactly once.
    @Test(arguments: Backend.all) func twoSweepsAtOnceApplyEachTimerOnce(_ backend: Backend) throws {
        let world = try World(backend)
        let ids = try Self.approvedClaims(6, in: world)
        let nodes = [world.store, try world.test.node().claims]
        let swept = Results<[ClaimID]>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                let transitions = try nodes[index].sweepTimers(at: Self.later, limit: 100) { claim in
                    // Slow enough that the other sweep runs while this one holds its rows.
                    Thread.sleep(forTimeInterval: 0.05)
                    return claim.firingDueTimers(at: Self.later, rules: World.rules)
                }
                swept.append(transitions.map(\.claim.id))
            } catch {
                Issue.record(error)
            }
        }
        let batches = swept.values
        #expect(batches.count == 2)
        let concurrent = batches.flatMap { $0 }
        #expect(concurrent.count == Set(concurrent).count, "no claim swept by both: \(batches)")
        let rest = try world.store.sweepTimers(at: Self.later, limit: 100, Self.fire(at: Self.later)).map(\.claim.id)
        #expect(Set(concurrent + rest) == Set(ids) && concurrent.count + rest.count == ids.count)
        for id in ids {
            let sent = try world.store.history(of: id).filter { $0.event == .timer(.consentWindowClosed) }
            #expect(sent.count == 1, "\(id)")
        }
    }
}

/// The claim store's directory sweep.
@Suite struct DirectorySweepContractTests {
    typealias World = ClaimWorld
    static let now = Date(timeIntervalSince1970: 1_796_119_200) // 2026-12-01 10:00 UTC
    static let contoso = TenantID(parsing: World.tenant)!
    static let sales = SubscriptionID(parsing: "11111111-1111-4111-8111-111111111111")!

    /// An approved Business Applications claim on `tenant` naming `subscription`.
    static func approved(_ world: World, tenant: TenantID = contoso, subscription: SubscriptionID = sales) throws -> Claim {
        var form = World.form(tenant: tenant.rawValue, products: [.dynamics365Sales])
        form.solutionArea = SolutionArea.businessApplications.rawValue
        form.subscriptionID = subscription.rawValue
        return try world.approved(try world.submitted(by: world.contoso, form: form).id)
    }

    static func entry(_ tenant: TenantID, domain: String, _ subscription: SubscriptionID, _ status: SubscriptionStatus) -> TenantDirectoryEntry {
        TenantDirectoryEntry(tenantID: tenant, domains: [DomainName(parsing: domain)!],
                             subscriptions: [DirectorySubscription(id: subscription, product: .dynamics365Sales, status: status)])
    }

    static func importing(_ status: SubscriptionStatus, into world: World) throws {
        try world.stores.tenantDirectory.replace(with: [entry(contoso, domain: "customer.example", sales, status)],
                                                 source: "tenants.csv", at: now)
    }

    static func sweep(_ world: World, limit: Int = 100) throws -> [Transition] {
        var all: [Transition] = []
        var cursor: ClaimID?
        repeat {
            let batch = try world.store.sweepDirectory(at: now, after: cursor, limit: limit) { claim, directory in
                claim.reconciled(with: directory, at: now, rules: World.rules)
            }
            all += batch.transitions
            cursor = batch.next
        } while cursor != nil
        return all
    }

    @Test(arguments: Backend.all) func aDisabledSubscriptionIsNotedOnceAndClearedWhenActiveAgain(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try Self.approved(world)
        #expect(try Self.sweep(world).isEmpty, "no directory, nothing to compare")
        try Self.importing(.active, into: world)
        #expect(try Self.sweep(world).isEmpty)

        try Self.importing(.disabled, into: world)
        #expect(try Self.sweep(world).map(\.claim.id) == [claim.id])
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.subscriptionNotice?.subscriptionID == Self.sales)
        #expect(stored.state == .approved)
        #expect(try world.store.history(of: claim.id).last?.event == .subscriptionStatus(Self.sales, .disabled))
        #expect(try Self.sweep(world).isEmpty, "noted once")

        try Self.importing(.grace, into: world)
        #expect(try Self.sweep(world).map(\.claim.subscriptionNotice) == [nil])
        #expect(try world.store.claim(claim.id)?.subscriptionNotice == nil)
        #expect(try Self.sweep(world).isEmpty)
    }

    @Test(arguments: Backend.all) func theSweepPagesThroughEveryCandidateOnce(_ backend: Backend) throws {
        let world = try World(backend)
        func tenant(_ index: Int) -> TenantID { TenantID(parsing: String(format: "00000000-0000-4000-8000-%012d", index))! }
        func subscription(_ index: Int) -> SubscriptionID { SubscriptionID(parsing: String(format: "10000000-0000-4000-8000-%012d", index))! }
        let ids = try (0..<5).map { try Self.approved(world, tenant: tenant($0), subscription: subscription($0)).id }
        try world.stores.tenantDirectory.replace(with: (0..<5).map { index in
            Self.entry(tenant(index), domain: "t\(index).example", subscription(index), index == 2 ? .active : .disabled)
        }, source: "tenants.csv", at: Self.now)
        #expect(try Self.sweep(world, limit: 2).map(\.claim.id) == [ids[0], ids[1], ids[3], ids[4]])
        #expect(try Self.sweep(world, limit: 2).isEmpty)
    }
}
