import Claims
import Foundation
import Storage

/// Fresh stores with two partner organizations and a reviewer, and the steps that bring a claim
/// to the states the claim tests need, on any backend.
struct ClaimWorld {
    static let calendar = BusinessCalendar(timeZoneIdentifier: "Europe/Madrid", holidays: [])!
    static let rules = WorkflowRules(policy: .standard, calendar: calendar, makeConsentToken: { ConsentToken("token-1") })
    static let monday = Date(timeIntervalSince1970: 1_772_442_000) // 2026-03-02 09:00 Madrid
    static let tenant = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    static let otherTenant = "11111111-2222-3333-4444-555555555555"

    let test: TestStores
    let contosoID: Int64
    let fabrikamID: Int64
    let contoso: Actor
    let fabrikam: Actor
    /// A reviewer with a user row, so the queue shows their name.
    let reviewer: Actor
    let reviewerID: Int64

    var stores: Stores { test.stores }
    var store: any ClaimQueries { test.stores.claims }

    init(_ backend: Backend) throws {
        test = try backend.makeStores()
        let accounts = test.stores.accounts
        contosoID = try accounts.createOrganization(name: "Contoso", locations: [PartnerLocation(locationID: "4100001", name: "A")],
                                                    at: Self.monday).id
        fabrikamID = try accounts.createOrganization(name: "Fabrikam", locations: [PartnerLocation(locationID: "5200001", name: "B")],
                                                     at: Self.monday).id
        reviewerID = try accounts.createUser(email: "rita@review.example", name: "Rita", role: .reviewer, organizationID: nil,
                                             passwordHash: "h", at: Self.monday).id
        contoso = .partner(PartnerUser(id: UserID("1"), role: .incentivesAdmin, organization: OrganizationID(String(contosoID))))
        fabrikam = .partner(PartnerUser(id: UserID("2"), role: .incentivesAdmin, organization: OrganizationID(String(fabrikamID))))
        reviewer = .reviewer(UserID(String(reviewerID)))
    }

    static func form(name: String = "Exchange migration", location: String = "4100001", tenant: String = tenant,
                     customer: String = "Customer Ltd", domain: String = "customer.example",
                     products: [Product] = [.exchangeOnline, .teams]) -> ClaimForm {
        ClaimForm(name: name, partnerLocationID: location, tenantID: tenant, customerDomain: domain, customerName: customer,
                  solutionArea: SolutionArea.microsoft365.rawValue, products: products.map(\.rawValue),
                  activity: Activity.usageDeployment.rawValue, customerContactName: "Carla Ruiz",
                  customerContactTitle: "CIO", customerContactEmail: "carla@customer.example",
                  partnerContactName: "Ana Gil", partnerContactEmail: "ana@partner.example")
    }

    /// Fabrikam's form: its own location, and by default a tenant of its own.
    static func fabrikamForm(name: String = "Teams rollout", tenant: String = otherTenant,
                             products: [Product] = [.exchangeOnline, .teams]) -> ClaimForm {
        form(name: name, location: "5200001", tenant: tenant, products: products)
    }

    static func upload(_ id: String = UUID().uuidString) -> ProofOfExecution.Upload {
        ProofOfExecution.Upload(id: DocumentID(id), filename: "signed.pdf", contentType: "application/pdf", size: 1234,
                                sha256: String(repeating: "cd", count: 32))
    }

    func draft(by actor: Actor, form: ClaimForm = form(), at time: Date = monday) throws -> Claim {
        try store.create { id in try Claim.draft(id: id, form: form, by: actor, at: time) }.claim
    }

    /// A draft with a PoE, submitted.
    func submitted(by actor: Actor, form: ClaimForm = form(), at time: Date = monday, document: String = UUID().uuidString) throws -> Claim {
        let id = try draft(by: actor, form: form, at: time).id
        try store.update(id, expectedVersion: nil) { claim, _ in
            try claim.applying(.addProofOfExecution(Self.upload(document)), by: actor, at: time, rules: Self.rules)
        }
        return try store.update(id, expectedVersion: nil) { claim, others in
            try claim.applying(.submit, by: actor, at: time, rules: Self.rules, claimsOnSameTenant: others)
        }.claim
    }

    @discardableResult
    func apply(_ action: ClaimAction, to id: ClaimID, by actor: Actor, at time: Date = monday) throws -> Claim {
        try store.update(id, expectedVersion: nil) { claim, others in
            try claim.applying(action, by: actor, at: time, rules: Self.rules, claimsOnSameTenant: others)
        }.claim
    }

    /// Reviewed and approved by the reviewer at `time`.
    func approved(_ id: ClaimID, at time: Date = monday) throws -> Claim {
        try apply(.startReview, to: id, by: reviewer, at: time)
        return try apply(.approve, to: id, by: reviewer, at: time)
    }
}
