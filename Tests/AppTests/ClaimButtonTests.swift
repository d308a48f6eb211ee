import Claims
import Foundation
import HTTP
import Storage
import Testing
@testable import App

/// No page decides on its own what a person may do: for a claim in every state, and every kind of
/// user who can open it, the buttons and forms on its page are exactly the actions the domain's
/// `availableActions` allows that user now.
@Suite struct ClaimButtonTests {
    static let now = Date(timeIntervalSince1970: 1_796_119_200)

    /// A Contoso claim in every state, each on its own tenant, and the reviewer who holds it.
    final class World: @unchecked Sendable {
        let app: TestApp
        let rules: WorkflowRules
        var claims: [ClaimState: ClaimID] = [:]
        let partner: Actor
        let rita: Actor

        init() throws {
            app = try TestApp(clock: .fixed(ClaimButtonTests.now))
            rules = app.application.rules
            let accounts = app.application.accounts
            partner = RequestContext.actor(for: try #require(try accounts.credentials(email: "incentives@contoso.example")).user)
            rita = RequestContext.actor(for: try #require(try accounts.credentials(email: "reviewer@reviewers.example")).user)
            for (index, state) in ClaimState.allCases.enumerated() { claims[state] = try make(state, tenant: index) }
        }

        private func make(_ state: ClaimState, tenant: Int) throws -> ClaimID {
            let store = app.application.claims
            let form = ClaimForm(name: "Claim \(state.rawValue)", partnerLocationID: "4100001",
                                 tenantID: String(format: "0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f%04d", tenant),
                                 customerDomain: "customer\(tenant).example", customerName: "Customer \(tenant)",
                                 solutionArea: SolutionArea.microsoft365.rawValue, products: [Product.teams.rawValue],
                                 activity: Activity.usageDeployment.rawValue, customerContactName: "Dana Moss",
                                 customerContactTitle: "IT director", customerContactEmail: "dana@customer\(tenant).example",
                                 partnerContactName: "Sam Lee", partnerContactEmail: "sam@partner.example")
            let id = try store.create { id in try Claim.draft(id: id, form: form, by: partner, at: ClaimButtonTests.now) }.claim.id
            func apply(_ action: ClaimAction, by actor: Actor, at time: Date = ClaimButtonTests.now,
                       rules: WorkflowRules? = nil) throws {
                try store.update(id, expectedVersion: nil) { claim, others in
                    try claim.applying(action, by: actor, at: time, rules: rules ?? self.rules, claimsOnSameTenant: others)
                }
            }
            if state == .draft { return id }
            try apply(.addProofOfExecution(.init(id: DocumentID("D-\(tenant)"), filename: "poe.pdf", contentType: "application/pdf",
                                                 size: 10, sha256: String(repeating: "0", count: 64))), by: partner)
            try apply(.submit, by: partner)
            switch state {
            case .submitted: return id
            case .rejectedFinal: try apply(.requestRejection(reason: "Filed twice"), by: partner); return id
            default: break
            }
            try apply(.startReview, by: rita)
            switch state {
            case .inReview: break
            case .partnerActionRequired:
                try apply(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Sign it", productsToRemove: []), by: rita)
            case .approved: try apply(.approve, by: rita)
            case .ended:
                // Only the 2023 edition lets the customer decline once the consent window has closed.
                var edition2023 = rules
                edition2023.policy = .edition2023
                edition2023.makeConsentToken = { ConsentToken("ended-\(tenant)") }
                try apply(.approve, by: rita, rules: edition2023)
                try apply(.denyConsent(token: ConsentToken("ended-\(tenant)"), reason: "Contract over"), by: .customer,
                          at: ClaimButtonTests.now + 8 * 86_400, rules: edition2023)
            case .rejected: try apply(.reject(reasons: [.insufficientPoE], comment: "No"), by: rita)
            case .disputed:
                try apply(.reject(reasons: [.insufficientPoE], comment: "No"), by: rita)
                try apply(.dispute(justification: "It is there", evidence: []), by: partner)
            default: break
            }
            return id
        }
    }

    /// The actions a page offers, read from its links and forms.
    static func offered(on html: String, claim: ClaimID) -> Set<ActionKind> {
        let partnerLinks: [(String, ActionKind)] = [
            ("submit", .submit), ("respond", .resubmit), ("dispute", .dispute), ("edit", .edit),
            ("withdraw", .requestRejection), ("disassociate", .disassociate), ("documents", .addProofOfExecution),
            ("comments", .addComment),
        ]
        let reviewerForms: [(ReviewStep, ActionKind)] = [
            (.start, .startReview), (.reassign, .reassign), (.approve, .approve), (.reject, .reject),
            (.requestAction, .requestPartnerAction), (.decideDispute, .decideDispute), (.comment, .addComment),
        ]
        var found = Set<ActionKind>()
        for (page, kind) in partnerLinks where html.contains("\"" + Route.claimPage(claim, ClaimPage(rawValue: page)!).href + "\"") {
            found.insert(kind)
        }
        for (step, kind) in reviewerForms where html.contains("action=\"" + Route.reviewAction(claim, step).href + "\"") {
            found.insert(kind)
        }
        return found
    }

    static let partnerKinds: Set<ActionKind> = [.submit, .resubmit, .dispute, .edit, .requestRejection, .disassociate,
                                                .addProofOfExecution, .addComment]
    static let reviewerKinds: Set<ActionKind> = [.startReview, .reassign, .approve, .reject, .requestPartnerAction,
                                                 .decideDispute, .addComment]

    @Test(arguments: ["global@contoso.example", "incentives@contoso.example", "billing@contoso.example"])
    func partnerButtonsAreTheDomainsAllowedActions(_ email: String) throws {
        let world = try World()
        world.app.login(email)
        let actor = RequestContext.actor(for: try #require(try world.app.application.accounts.credentials(email: email)).user)
        for state in ClaimState.allCases {
            let id = try #require(world.claims[state])
            let claim = try #require(try world.app.application.claims.claim(id))
            #expect(claim.state == state)
            let allowed = Set(claim.availableActions(for: actor, at: Self.now, rules: world.rules)).intersection(Self.partnerKinds)
            let html = world.app.send("GET", Route.claim(id).href).bodyText
            #expect(Self.offered(on: html, claim: id) == allowed, "\(email) on a \(state) claim")
        }
    }

    @Test(arguments: ["reviewer@reviewers.example", "reviewer2@reviewers.example"])
    func reviewerFormsAreTheDomainsAllowedActions(_ email: String) throws {
        let world = try World()
        world.app.login(email)
        let user = try #require(try world.app.application.accounts.credentials(email: email)).user
        let actor = RequestContext.actor(for: user)
        for state in ClaimState.allCases {
            let id = try #require(world.claims[state])
            let claim = try #require(try world.app.application.claims.claim(id))
            let others = try world.app.application.claims.claimsOnSameTenant(as: claim)
            var allowed = Set(claim.availableActions(for: actor, at: Self.now, rules: world.rules, claimsOnSameTenant: others))
                .intersection(Self.reviewerKinds)
            // Taking a claim over is reassigning it to yourself: not offered to the reviewer who holds it.
            if claim.review.assignedReviewer == UserID(String(user.id)) { allowed.remove(.reassign) }
            let html = world.app.send("GET", Route.reviewClaim(id).href).bodyText
            #expect(Self.offered(on: html, claim: id) == allowed, "\(email) on a \(state) claim")
        }
    }
}
