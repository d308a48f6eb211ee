import Claims
import Foundation
import Secrets
import Storage

/// The organizations and users seeded claims belong to, found or created.
public struct SampleMembers {
    let accounts: any AccountStore
    let passwords: PasswordHasher
    let now: Date

    public init(accounts: any AccountStore, passwords: PasswordHasher, now: Date) {
        self.accounts = accounts
        self.passwords = passwords
        self.now = now
    }

    /// The first two are the demo organizations; the rest are numbered.
    public func filer(organization index: Int) throws -> SampleClaims.Filer {
        let (name, location, email): (String, String, String) = switch index {
        case 0: ("Contoso", "4100001", "incentives@contoso.example")
        case 1: ("Fabrikam", "5200001", "incentives@fabrikam.example")
        default: ("Partner \(index + 1)", String(6_100_000 + index), "incentives@partner\(index + 1).example")
        }
        let organization = try accounts.organization(named: name)
            ?? accounts.createOrganization(name: name, locations: [PartnerLocation(locationID: location, name: "\(name) HQ")],
                                           at: now)
        let user = try user(email: email, role: .incentivesAdmin, organizationID: organization.id)
        return SampleClaims.Filer(
            partner: user.actor,
            locationID: organization.locations.first?.locationID ?? location)
    }

    public func reviewer() throws -> Actor {
        try user(email: "reviewer@reviewers.example", role: .reviewer, organizationID: nil).actor
    }

    /// An existing account, or a new one with the demo password.
    private func user(email: String, role: Role, organizationID: Int64?) throws -> UserAccount {
        if let existing = try accounts.credentials(email: email)?.user { return existing }
        return try accounts.createUser(email: email, name: DemoData.names[email] ?? email, role: role,
                                       organizationID: organizationID, passwordHash: try passwords.hash(DemoData.password),
                                       at: now)
    }
}
