import Claims
import Foundation
import SQLite
import Testing
@testable import Storage

@Suite struct AccountStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func organizationWithItsLocationsRoundTrips() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteAccountStore(database: temp.database)
        let created = try store.createOrganization(name: "Contoso", locations: [
            PartnerLocation(locationID: "4100002", name: "Madrid"), PartnerLocation(locationID: "4100001", name: "Seattle"),
        ], at: now)
        let loaded = try #require(try store.organization(id: created.id))
        #expect(loaded.name == "Contoso")
        #expect(loaded.locations.map(\.locationID) == ["4100001", "4100002"])
        #expect(try store.organization(named: "Contoso")?.id == created.id)
        #expect(try store.organizationCount() == 1)
    }

    @Test func locationIDsAreUniqueAcrossOrganizationsAndAFailedCreateLeavesNothing() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteAccountStore(database: temp.database)
        try store.createOrganization(name: "Contoso", locations: [PartnerLocation(locationID: "1", name: "A")], at: now)
        #expect(throws: SQLiteError.self) {
            try store.createOrganization(name: "Fabrikam", locations: [PartnerLocation(locationID: "2", name: "B"),
                                                                       PartnerLocation(locationID: "1", name: "C")], at: now)
        }
        #expect(try store.organization(named: "Fabrikam") == nil)
        #expect(try store.organizationCount() == 1)
    }

    @Test func usersHaveOneRoleAndPartnersAnOrganization() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteAccountStore(database: temp.database)
        let org = try store.createOrganization(name: "Contoso", locations: [], at: now)
        let user = try store.createUser(email: "A@Contoso.example", name: "A", role: .billingAdmin,
                                        organizationID: org.id, passwordHash: "h", at: now)
        #expect(user.organizationName == "Contoso")
        #expect(try store.credentials(email: "a@contoso.example")?.user.id == user.id)
        #expect(throws: AccountFailure.emailTaken) {
            try store.createUser(email: "a@contoso.example", name: "B", role: .globalAdmin, organizationID: org.id,
                                 passwordHash: "h", at: now)
        }
        #expect(throws: AccountFailure.partnerNeedsOrganization) {
            try store.createUser(email: "b@x", name: "B", role: .globalAdmin, organizationID: nil, passwordHash: "h", at: now)
        }
        #expect(throws: AccountFailure.reviewerCannotHaveOrganization) {
            try store.createUser(email: "r@x", name: "R", role: .reviewer, organizationID: org.id, passwordHash: "h", at: now)
        }
        #expect(throws: AccountFailure.unknownOrganization) {
            try store.createUser(email: "c@x", name: "C", role: .globalAdmin, organizationID: 999, passwordHash: "h", at: now)
        }
    }

    @Test func namesOfSeveralUsersInOneLookup() throws {
        let temp = try MigratedDatabase()
        let store = SQLiteAccountStore(database: temp.database)
        let a = try store.createUser(email: "a@x", name: "Ana", role: .reviewer, organizationID: nil, passwordHash: "h", at: now)
        let b = try store.createUser(email: "b@x", name: "Bo", role: .reviewer, organizationID: nil, passwordHash: "h", at: now)
        #expect(try store.userNames(ids: [String(a.id), String(b.id), "999", "not-a-number"])
                == [String(a.id): "Ana", String(b.id): "Bo"])
        #expect(try store.userNames(ids: []) == [:])
    }

    @Test func migrationsAreRecordedAndReopeningAppliesNothingNew() throws {
        let temp = try MigratedDatabase()
        let ids = try temp.database.pool.read { db in try Migrator(Schema.migrations).appliedIDs(db) }
        #expect(ids == Schema.migrations.map(\.id))
        let again = try Database(path: temp.database.path)
        again.close()
    }
}
