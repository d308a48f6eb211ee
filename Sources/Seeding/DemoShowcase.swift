import Claims
import Foundation
import Storage

extension DemoClaims {
    /// What `serve --demo` adds to the handful of `seed` claims, so a newcomer meets every state at
    /// once: for each organization, drafts (one still incomplete), fresh and picked-up claims, one
    /// waiting on the partner, approvals inside their consent window (their consent e-mails in the
    /// outbox, with working links) and one already sent for incentive evaluation, rejections that can
    /// still be disputed, a dispute, and claims that are over (withdrawn, or upheld on dispute).
    public static func seedShowcase(accounts: any AccountStore, claims: any ClaimStore, rules: WorkflowRules, now: Date) throws {
        func user(_ email: String) throws -> Actor {
            guard let user = try accounts.credentials(email: email)?.user else { throw DemoError.missingAccount(email) }
            return user.actor
        }
        let rita = try user("reviewer@reviewers.example")
        let ravi = try user("reviewer2@reviewers.example")
        let demo = Demo(store: claims, rules: rules)
        let organizations: [(partner: Actor, location: String, customers: [String])] = [
            (try user("incentives@contoso.example"), "4100002",
             ["Alpine Ski House", "Coho Winery", "Lucerne Publishing", "Margie's Travel", "Proseware", "Relecloud",
              "Trey Research", "VanArsdel", "Wide World Importers", "Woodgrove Bank", "Blue Yonder Airlines", "City Power & Light",
              "Consolidated Messenger", "Graphic Design Institute"]),
            (try user("incentives@fabrikam.example"), "5200001",
             ["Humongous Insurance", "Lamna Healthcare", "Munson's Pickles", "Nod Publishers", "Olympia", "School of Fine Art",
              "Southridge Video", "Tailwind Traders", "The Phone Company", "Contoso Pharmaceuticals", "Best For You Organics",
              "Bellows College", "Datum Corporation", "First Up Consultants"]),
        ]
        var tenant = 100
        for (index, organization) in organizations.enumerated() {
            var customers = organization.customers.makeIterator()
            let partner = organization.partner
            let reviewer = index == 0 ? rita : ravi
            func next(_ title: String, _ area: SolutionArea = .microsoft365, _ products: [Product] = [.teams, .sharePointOnline],
                      submittedDaysAgo: Double) throws -> ClaimID {
                tenant += 1
                let name = customers.next() ?? "Customer \(tenant)"
                let domain = name.lowercased().filter { $0.isLetter } + ".example"
                return try demo.claim("\(title) for \(name)",
                                      by: partner, location: organization.location,
                                      tenant: String(format: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f%04d", tenant),
                                      customer: (name, domain), area: area, products: products,
                                      submittedAt: now - submittedDaysAgo * day)
            }
            // Drafts: one nearly ready (no PoE yet), one with only a name.
            tenant += 1
            let draftCustomer = customers.next() ?? "Customer \(tenant)"
            let form = ClaimForm(name: "Power BI roll-out for \(draftCustomer)", partnerLocationID: organization.location,
                                 tenantID: String(format: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f%04d", tenant),
                                 customerDomain: draftCustomer.lowercased().filter { $0.isLetter } + ".example",
                                 customerName: draftCustomer, solutionArea: SolutionArea.businessApplications.rawValue,
                                 products: [Product.powerBI.rawValue], activity: Activity.preSales.rawValue)
            _ = try claims.create { id in try Claim.draft(id: id, form: form, by: partner, at: now - 2 * day) }
            _ = try claims.create { id in
                try Claim.draft(id: id, form: ClaimForm(name: "New opportunity (notes only)"), by: partner, at: now - 3600)
            }
            // Fresh, and picked up.
            _ = try next("Teams and SharePoint intranet", submittedDaysAgo: 1)
            let picked = try next("Power Apps field inspections", .businessApplications, [.powerApps], submittedDaysAgo: 2)
            try demo.apply(.startReview, to: picked, by: reviewer, at: now - 1 * day)
            // Waiting on the partner.
            let waiting = try next("Intune device roll-out", .microsoft365, [.intune], submittedDaysAgo: 4)
            try demo.apply(.startReview, to: waiting, by: reviewer, at: now - 3 * day)
            try demo.apply(.requestPartnerAction(reasons: [.missingOrOutdatedDates], comment: "The PoE is not dated.",
                                                 productsToRemove: []), to: waiting, by: reviewer, at: now - 1 * day)
            // Approved: two inside the consent window (e-mails queued), one sent for incentive evaluation.
            for daysAgo in [1.0, 3.0] {
                let approved = try next("Exchange Online migration", .microsoft365, [.exchangeOnline], submittedDaysAgo: daysAgo + 3)
                try demo.apply(.startReview, to: approved, by: reviewer, at: now - (daysAgo + 2) * day)
                try demo.apply(.approve, to: approved, by: reviewer, at: now - daysAgo * day)
            }
            let evaluated = try next("Dynamics 365 Sales pipeline", .businessApplications, [.dynamics365Sales, .powerBI], submittedDaysAgo: 20)
            try demo.apply(.startReview, to: evaluated, by: reviewer, at: now - 19 * day)
            try demo.apply(.approve, to: evaluated, by: reviewer, at: now - 15 * day)
            try demo.apply(.timer(.consentWindowClosed), to: evaluated, by: .system, at: now - 2 * day)
            // Rejected, still disputable.
            let rejected = try next("OneDrive adoption", .microsoft365, [.oneDriveForBusiness], submittedDaysAgo: 6)
            try demo.apply(.startReview, to: rejected, by: reviewer, at: now - 5 * day)
            try demo.apply(.reject(reasons: [.insufficientPoE], comment: "The report does not show OneDrive usage."),
                           to: rejected, by: reviewer, at: now - 2 * day)
            // Disputed.
            let disputed = try next("Teams Phone adoption", .microsoft365, [.teams], submittedDaysAgo: 9)
            try demo.apply(.startReview, to: disputed, by: reviewer, at: now - 8 * day)
            try demo.apply(.reject(reasons: [.missingCustomerConsentInPoE], comment: "No customer sign-off."),
                           to: disputed, by: reviewer, at: now - 6 * day)
            try demo.apply(.dispute(justification: "The customer's sign-off is the e-mail on page 2.", evidence: []),
                           to: disputed, by: partner, at: now - 1 * day)
            // Over: withdrawn by the partner, and a dispute upheld.
            let withdrawn = try next("Microsoft 365 Apps upgrade", .microsoft365, [.microsoft365Apps], submittedDaysAgo: 5)
            try demo.apply(.requestRejection(reason: "Filed twice by mistake."), to: withdrawn, by: partner, at: now - 4 * day)
            let upheld = try next("Defender for Office 365 pilot", .microsoft365, [.defenderForOffice365], submittedDaysAgo: 14)
            try demo.apply(.startReview, to: upheld, by: reviewer, at: now - 13 * day)
            try demo.apply(.reject(reasons: [.poeNotAvailable], comment: "The PoE link is broken."),
                           to: upheld, by: reviewer, at: now - 12 * day)
            try demo.apply(.dispute(justification: "Here is the document itself.", evidence: []), to: upheld, by: partner,
                           at: now - 10 * day)
            try demo.apply(.decideDispute(.uphold, comment: "The document covers another tenant."), to: upheld, by: reviewer,
                           at: now - 8 * day)
        }
    }
}
