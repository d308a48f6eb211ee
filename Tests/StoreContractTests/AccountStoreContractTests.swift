import Claims
import Foundation
import Storage
import Testing

/// Organizations, users and passwords, on every backend.
@Suite struct AccountStoreContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: Backend.all) func anOrganizationWithItsLocationsRoundTrips(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        let created = try store.createOrganization(name: "Contoso", locations: [
            PartnerLocation(locationID: "4100002", name: "Madrid"), PartnerLocation(locationID: "4100001", name: "Seattle"),
        ], at: Self.now)
        let loaded = try #require(try store.organization(id: created.id))
        #expect(loaded.name == "Contoso")
        #expect(loaded.locations.map(\.locationID) == ["4100001", "4100002"])
        #expect(try store.organization(named: "Contoso")?.id == created.id)
        #expect(try store.organization(named: "contoso") == nil, "names are exact")
        #expect(try store.organization(id: created.id + 1) == nil)
        #expect(try store.organizationCount() == 1)
    }

    @Test(arguments: Backend.all) func locationIDsAreUniqueAcrossOrganizationsAndAFailedCreateLeavesNothing(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        try store.createOrganization(name: "Contoso", locations: [PartnerLocation(locationID: "1", name: "A")], at: Self.now)
        #expect(throws: (any Error).self) {
            try store.createOrganization(name: "Fabrikam", locations: [PartnerLocation(locationID: "2", name: "B"),
                                                                       PartnerLocation(locationID: "1", name: "C")], at: Self.now)
        }
        #expect(try store.organization(named: "Fabrikam") == nil)
        #expect(try store.organizationCount() == 1)
        #expect(throws: (any Error).self) { try store.createOrganization(name: "Contoso", locations: [], at: Self.now) }
    }

    @Test(arguments: Backend.all) func usersHaveOneRoleAndPartnersAnOrganization(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        let org = try store.createOrganization(name: "Contoso", locations: [], at: Self.now)
        let user = try store.createUser(email: "A@Contoso.example", name: "A", role: .billingAdmin,
                                        organizationID: org.id, passwordHash: "$y$h", at: Self.now)
        #expect(user.organizationName == "Contoso" && user.email == "A@Contoso.example" && user.active && user.hasPassword)
        #expect(try store.credentials(email: "a@contoso.example")?.user.id == user.id)
        #expect(try store.credentials(email: "a@contoso.example")?.passwordHash == "$y$h")
        #expect(try store.holder(ofEmail: "A@CONTOSO.EXAMPLE")?.userID == user.id)
        #expect(try store.holder(ofEmail: "A@CONTOSO.EXAMPLE")?.organizationID == org.id)
        #expect(try store.holder(ofEmail: "nobody@contoso.example") == nil)
        #expect(throws: AccountFailure.emailTaken) {
            try store.createUser(email: "a@contoso.example", name: "B", role: .globalAdmin, organizationID: org.id,
                                 passwordHash: "h", at: Self.now)
        }
        #expect(throws: AccountFailure.partnerNeedsOrganization) {
            try store.createUser(email: "b@x", name: "B", role: .globalAdmin, organizationID: nil, passwordHash: "h", at: Self.now)
        }
        #expect(throws: AccountFailure.reviewerCannotHaveOrganization) {
            try store.createUser(email: "r@x", name: "R", role: .reviewer, organizationID: org.id, passwordHash: "h", at: Self.now)
        }
        #expect(throws: AccountFailure.unknownOrganization) {
            try store.createUser(email: "c@x", name: "C", role: .globalAdmin, organizationID: 999, passwordHash: "h", at: Self.now)
        }
        let reviewer = try store.createUser(email: "r@x", name: "R", role: .reviewer, organizationID: nil, passwordHash: "!", at: Self.now)
        #expect(reviewer.organizationID == nil && reviewer.organizationName == nil && !reviewer.hasPassword)
        #expect(try store.holder(ofEmail: "r@x")?.organizationID == nil)
    }

    @Test(arguments: Backend.all) func namesOfSeveralUsersInOneLookup(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        let a = try store.createUser(email: "a@x", name: "Ana", role: .reviewer, organizationID: nil, passwordHash: "h", at: Self.now)
        let b = try store.createUser(email: "b@x", name: "Bo", role: .reviewer, organizationID: nil, passwordHash: "h", at: Self.now)
        #expect(try store.userNames(ids: [String(a.id), String(b.id), "999", "not-a-number"])
                == [String(a.id): "Ana", String(b.id): "Bo"])
        #expect(try store.userNames(ids: []) == [:])
    }

    @Test(arguments: Backend.all) func aLocaleIsKeptPerActiveUser(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        let org = try store.createOrganization(name: "Contoso", locations: [], at: Self.now)
        let ana = try store.createUser(email: "ana@x", name: "Ana", role: .globalAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        let bo = try store.createUser(email: "bo@x", name: "Bo", role: .incentivesAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        #expect(try store.locale(email: "ana@x") == nil)
        try store.setLocale(userID: bo.id, to: "es")
        #expect(try store.locale(email: "BO@X") == "es")
        #expect(try store.user(id: bo.id)?.locale == "es")
        try store.deactivate(userID: bo.id, organizationID: org.id)
        #expect(try store.locale(email: "bo@x") == nil, "an inactive user's language is not used")
        #expect(try store.credentials(email: "bo@x") == nil)
        #expect(try store.passwordHash(userID: bo.id) == nil)
        #expect(try store.user(id: ana.id)?.locale == nil)
    }

    /// An organization keeps at least one active global admin, whatever is tried.
    @Test(arguments: Backend.all) func anOrganizationKeepsAnActiveGlobalAdmin(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        let org = try store.createOrganization(name: "Contoso", locations: [], at: Self.now)
        let other = try store.createOrganization(name: "Fabrikam", locations: [], at: Self.now)
        let ana = try store.createUser(email: "ana@x", name: "Ana", role: .globalAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        let bo = try store.createUser(email: "bo@x", name: "Bo", role: .incentivesAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        #expect(throws: UserManagementError.lastGlobalAdmin) { try store.changeRole(userID: ana.id, organizationID: org.id, to: .billingAdmin) }
        #expect(throws: UserManagementError.lastGlobalAdmin) { try store.deactivate(userID: ana.id, organizationID: org.id) }
        #expect(throws: UserManagementError.unknownUser) { try store.deactivate(userID: bo.id, organizationID: other.id) }
        #expect(throws: UserManagementError.notAPartnerRole) { try store.changeRole(userID: bo.id, organizationID: org.id, to: .reviewer) }
        try store.changeRole(userID: bo.id, organizationID: org.id, to: .globalAdmin)
        try store.changeRole(userID: ana.id, organizationID: org.id, to: .billingAdmin)
        #expect(try store.user(id: ana.id)?.role == .billingAdmin)
        try store.deactivate(userID: ana.id, organizationID: org.id)
        #expect(try store.users(organizationID: org.id).map(\.name) == ["Bo", "Ana"], "active first, then by name")
        #expect(try store.users(organizationID: org.id).map(\.active) == [true, false])
        try store.reactivate(userID: ana.id, organizationID: org.id)
        #expect(try store.users(organizationID: org.id).map(\.name) == ["Ana", "Bo"])
        #expect(try store.credentials(email: "ana@x")?.user.id == ana.id)
    }

    /// Two admins demoting each other on two nodes at once: one of them stays a global admin.
    @Test(arguments: Backend.all) func twoAdminsDemotingEachOtherAtOnceLeaveOne(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let store = test.stores.accounts
        let org = try store.createOrganization(name: "Contoso", locations: [], at: Self.now)
        let ana = try store.createUser(email: "ana@x", name: "Ana", role: .globalAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        let bo = try store.createUser(email: "bo@x", name: "Bo", role: .globalAdmin, organizationID: org.id, passwordHash: "h", at: Self.now)
        let nodes = [store, try test.node().accounts]
        let targets = [ana.id, bo.id]
        let refused = Results<UserManagementError>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                try nodes[index].deactivate(userID: targets[index], organizationID: org.id)
            } catch let error as UserManagementError {
                refused.append(error)
            } catch {
                Issue.record(error)
            }
        }
        #expect(refused.values == [.lastGlobalAdmin])
        #expect(try store.users(organizationID: org.id).filter { $0.active && $0.role == .globalAdmin }.count == 1)
    }

    @Test(arguments: Backend.all) func twoNodesCreatingOneAddressAtOnceMakeOneUser(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let nodes = [test.stores.accounts, try test.node().accounts]
        let outcomes = Results<Bool>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                try nodes[index].createUser(email: index == 0 ? "rita@x" : "RITA@X", name: "Rita \(index)", role: .reviewer,
                                            organizationID: nil, passwordHash: "h", at: Self.now)
                outcomes.append(true)
            } catch AccountFailure.emailTaken {
                outcomes.append(false)
            } catch {
                Issue.record(error)
            }
        }
        #expect(outcomes.values.filter { $0 }.count == 1 && outcomes.values.count == 2)
        #expect(try test.stores.accounts.holder(ofEmail: "rita@x") != nil)
    }
}
