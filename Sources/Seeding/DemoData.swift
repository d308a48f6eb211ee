import Claims
import Foundation
import Secrets
import Storage

/// The accounts a newcomer logs in with after `cpor serve --demo`. Their e-mails are part of the
/// product's contract (the README and the tests name them).
public enum DemoData {
    public static let password = "demo-password"

    public static let logins: [(email: String, role: Role, organization: String?)] = [
        ("global@contoso.example", .globalAdmin, "Contoso"),
        ("incentives@contoso.example", .incentivesAdmin, "Contoso"),
        ("billing@contoso.example", .billingAdmin, "Contoso"),
        ("incentives@fabrikam.example", .incentivesAdmin, "Fabrikam"),
        ("reviewer@reviewers.example", .reviewer, nil),
        ("reviewer2@reviewers.example", .reviewer, nil),
    ]

    public static let names = [
        "global@contoso.example": "Grace Global", "incentives@contoso.example": "Ivan Incentives",
        "billing@contoso.example": "Bea Billing", "incentives@fabrikam.example": "Farah Fabrikam",
        "reviewer@reviewers.example": "Rita Reviewer", "reviewer2@reviewers.example": "Ravi Reviewer",
    ]

    /// Seeds an empty database; a database that already has organizations is left as it is.
    public static func seedIfEmpty(accounts: any AccountStore, passwords: PasswordHasher, now: Date) throws -> Bool {
        guard try accounts.organizationCount() == 0 else { return false }
        let contoso = try accounts.createOrganization(name: "Contoso", locations: [
            PartnerLocation(locationID: "4100001", name: "Contoso Seattle"),
            PartnerLocation(locationID: "4100002", name: "Contoso Madrid"),
        ], at: now)
        let fabrikam = try accounts.createOrganization(name: "Fabrikam", locations: [
            PartnerLocation(locationID: "5200001", name: "Fabrikam Berlin"),
        ], at: now)
        let hash = try passwords.hash(password)
        for login in logins {
            let organizationID = login.organization.map { $0 == "Contoso" ? contoso.id : fabrikam.id }
            try accounts.createUser(email: login.email, name: names[login.email] ?? login.email, role: login.role,
                                    organizationID: organizationID, passwordHash: hash, at: now)
        }
        return true
    }
}
