import Claims
import Foundation
import Storage

/// A handful of claims for `cpor serve --demo`, each driven through the workflow at times before
/// `now`, so the review queue opens with something in every situation a reviewer meets: an
/// overdue pick-up, two organizations competing for one workload, a claim waiting on the partner,
/// one the partner answered, a dispute, and fresh work.
public enum DemoClaims {
    static let day: TimeInterval = 86_400

    /// Needs the demo accounts (`DemoData.seedIfEmpty`) in `accounts`.
    public static func seed(accounts: any AccountStore, claims: any ClaimStore, rules: WorkflowRules, now: Date) throws {
        func user(_ email: String) throws -> Actor {
            let found = try accounts.credentials(email: email)
            guard let user = found?.user else { throw DemoError.missingAccount(email) }
            return user.actor
        }
        let contoso = try user("incentives@contoso.example")
        let fabrikam = try user("incentives@fabrikam.example")
        let rita = try user("reviewer@reviewers.example")
        let ravi = try user("reviewer2@reviewers.example")
        let demo = Demo(store: claims, rules: rules)

        // Submitted ten days ago and never picked up: past its service level.
        _ = try demo.claim("Dynamics rollout for Northwind", by: contoso, location: "4100001", tenant: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0001",
                           customer: ("Northwind Traders", "northwind.example"), area: .businessApplications,
                           products: [.dynamics365Sales, .powerBI], submittedAt: now - 10 * day)
        // Two organizations claim Exchange Online on the same tenant.
        let shared = "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0002"
        _ = try demo.claim("Mail migration for Tailspin", by: contoso, location: "4100002", tenant: shared,
                           customer: ("Tailspin Toys", "tailspin.example"), area: .microsoft365,
                           products: [.exchangeOnline, .teams], submittedAt: now - 3 * day)
        let rival = try demo.claim("Tailspin Exchange deployment", by: fabrikam, location: "5200001", tenant: shared,
                                   customer: ("Tailspin Toys", "tailspin.example"), area: .microsoft365,
                                   products: [.exchangeOnline], submittedAt: now - 2 * day)
        try demo.apply(.startReview, to: rival, by: rita, at: now - 1 * day)
        // Waiting on the partner for a signature.
        let waiting = try demo.claim("Teams adoption at Wingtip", by: contoso, location: "4100001", tenant: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0003",
                                     customer: ("Wingtip Toys", "wingtip.example"), area: .microsoft365,
                                     products: [.teams, .sharePointOnline], submittedAt: now - 4 * day)
        try demo.apply(.startReview, to: waiting, by: rita, at: now - 3 * day)
        try demo.apply(.requestPartnerAction(reasons: [.missingCustomerSignature],
                                             comment: "The acceptance letter is not signed by the customer. Please upload a signed copy.",
                                             productsToRemove: []), to: waiting, by: rita, at: now - 1 * day)
        // Asked for more, and the partner answered: back in review, ready to decide.
        let answered = try demo.claim("Power Apps for Adventure Works", by: contoso, location: "4100001", tenant: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0004",
                                      customer: ("Adventure Works", "adventure-works.example"), area: .businessApplications,
                                      products: [.powerApps, .powerAutomate], submittedAt: now - 5 * day)
        try demo.apply(.startReview, to: answered, by: rita, at: now - 4 * day)
        try demo.apply(.requestPartnerAction(reasons: [.missingOrOutdatedDates], comment: "The statement of work is undated.",
                                             productsToRemove: []), to: answered, by: rita, at: now - 3 * day)
        try demo.apply(.addProofOfExecution(demo.upload("dated-statement-of-work.pdf")), to: answered, by: contoso, at: now - 2 * day)
        try demo.apply(.resubmit(comment: "Uploaded the dated, signed statement of work."), to: answered, by: contoso, at: now - 2 * day)
        // Rejected, then disputed by the partner.
        let disputed = try demo.claim("Intune rollout for Fourth Coffee", by: fabrikam, location: "5200001", tenant: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0005",
                                      customer: ("Fourth Coffee", "fourthcoffee.example"), area: .microsoft365,
                                      products: [.intune], submittedAt: now - 6 * day)
        try demo.apply(.startReview, to: disputed, by: ravi, at: now - 5 * day)
        try demo.apply(.reject(reasons: [.insufficientPoE], comment: "The PoE does not mention Intune."), to: disputed, by: ravi, at: now - 4 * day)
        try demo.apply(.dispute(justification: "Page 3 of the signed report covers the Intune enrolment of 400 devices.", evidence: []),
                       to: disputed, by: fabrikam, at: now - 1 * day)
        // Fresh work from today.
        _ = try demo.claim("SharePoint intranet for Litware", by: fabrikam, location: "5200001", tenant: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0006",
                           customer: ("Litware", "litware.example"), area: .microsoft365,
                           products: [.sharePointOnline, .oneDriveForBusiness], submittedAt: now - 3600, contactLanguage: "es")
    }

    public enum DemoError: Error { case missingAccount(String) }

    /// Claims through the store and the domain, as the pages would make them.
    struct Demo {
        let store: any ClaimStore
        let rules: WorkflowRules

        func upload(_ filename: String) -> ProofOfExecution.Upload {
            ProofOfExecution.Upload(id: DocumentID(UUID().uuidString.lowercased()), filename: filename,
                                    contentType: "application/pdf", size: DemoDocument.bytes.count, sha256: DemoDocument.sha256)
        }

        /// A complete claim with one PoE document, submitted at `submittedAt`.
        func claim(_ name: String, by partner: Actor, location: String, tenant: String, customer: (name: String, domain: String),
                   area: SolutionArea, products: [Product], submittedAt: Date, contactLanguage: String = "en") throws -> ClaimID {
            let form = ClaimForm(name: name, partnerLocationID: location, tenantID: tenant, customerDomain: customer.domain,
                                 customerName: customer.name, solutionArea: area.rawValue, products: products.map(\.rawValue),
                                 activity: Activity.usageDeployment.rawValue, customerContactName: "Dana Moss",
                                 customerContactTitle: "IT director", customerContactEmail: "dana@" + customer.domain,
                                 partnerContactName: "Sam Lee", partnerContactEmail: "sam@partner.example",
                                 customerContactLanguage: contactLanguage)
            let created = submittedAt - 3600
            let id = try store.create { id in try Claim.draft(id: id, form: form, by: partner, at: created) }.claim.id
            try apply(.addProofOfExecution(upload("signed-acceptance.pdf")), to: id, by: partner, at: created)
            try apply(.submit, to: id, by: partner, at: submittedAt)
            return id
        }

        func apply(_ action: ClaimAction, to id: ClaimID, by actor: Actor, at time: Date) throws {
            try store.update(id, expectedVersion: nil) { claim, others in
                try claim.applying(action, by: actor, at: time, rules: rules, claimsOnSameTenant: others)
            }
        }
    }
}
