import Foundation
@testable import Claims

/// Shared values for the tests: one deployment in Madrid, one organization, one reviewer,
/// and a claim that can be driven into any state along a fixed timeline.
enum Fixtures {
    static let madrid = BusinessCalendar(
        timeZoneIdentifier: "Europe/Madrid",
        holidays: ["2026-01-01", "2026-01-06", "2026-04-03", "2026-05-01", "2026-12-25", "2027-01-01", "2027-01-06"]
            .compactMap(LocalDate.init)
    )!
    static let consentToken = ConsentToken("consent-token")
    static let rules = WorkflowRules(policy: .standard, calendar: madrid, makeConsentToken: { consentToken })
    /// The 2023 edition's rules: the customer may decline at any time.
    static let rules2023 = WorkflowRules(policy: .edition2023, calendar: madrid, makeConsentToken: { consentToken })

    static let organization = OrganizationID("org-contoso-partners")
    static let otherOrganization = OrganizationID("org-fabrikam-partners")
    static let partner = Actor.partner(PartnerUser(id: UserID("ana"), role: .incentivesAdmin, organization: organization))
    static let rival = Actor.partner(PartnerUser(id: UserID("bo"), role: .incentivesAdmin, organization: otherOrganization))
    static let reviewerID = UserID("rev-1")
    static let reviewer = Actor.reviewer(reviewerID)
    static let tenant = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"

    /// A local wall-clock time in Madrid, e.g. `local("2026-03-02 09:00")`.
    static func local(_ text: String, zone: String = "Europe/Madrid") -> Date {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    /// An instant written in UTC, e.g. `utc("2026-03-09T23:00:00Z")`.
    static func utc(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static let completeForm = ClaimForm(
        name: "Contoso Exchange migration",
        partnerLocationID: "1234567",
        tenantID: tenant,
        customerDomain: "contoso.onmicrosoft.com",
        customerName: "Contoso Ltd",
        solutionArea: SolutionArea.microsoft365.rawValue,
        products: [Product.exchangeOnline.rawValue, Product.teams.rawValue],
        activity: Activity.usageDeployment.rawValue,
        customerContactName: "Carla Ruiz",
        customerContactTitle: "CIO",
        customerContactEmail: "carla@contoso.com",
        partnerContactName: "Ana Gil",
        partnerContactEmail: "ana@partner.example"
    )

    static func upload(_ id: String) -> ProofOfExecution.Upload {
        ProofOfExecution.Upload(
            id: DocumentID(id), filename: "\(id).pdf", contentType: "application/pdf", size: 2048,
            sha256: String(repeating: "ab", count: 32)
        )
    }

    // The timeline every fixture follows (Madrid local time, March 2026).
    static let created = local("2026-03-02 09:00")      // Monday
    static let submitted = local("2026-03-02 10:00")
    static let reviewStarted = local("2026-03-03 10:00") // Tuesday
    static let decided = local("2026-03-04 11:00")       // Wednesday
    static let disputed = local("2026-03-05 09:00")      // Thursday
    /// When the table's actions happen: inside every window the fixtures open.
    static let now = local("2026-03-05 12:00")
    /// The morning after the approved fixture's consent window closed (at the end of Wednesday 11 March).
    static let afterConsentWindow = local("2026-03-12 09:00")

    static func apply(_ claim: Claim, _ action: ClaimAction, by actor: Actor, at time: Date, others: [Claim] = []) -> Claim {
        do {
            return try claim.applying(action, by: actor, at: time, rules: rules, claimsOnSameTenant: others).claim
        } catch {
            fatalError("fixture step \(action.kind) failed: \(error)")
        }
    }

    static func draft(id: String = "C-1", form: ClaimForm = completeForm, by actor: Actor = partner) -> Claim {
        let claim = try! Claim.draft(id: ClaimID(id), form: form, by: actor, at: created).claim
        return apply(claim, .addProofOfExecution(upload("poe-1")), by: actor, at: created, others: [])
    }

    /// A complete claim driven to `state` through the transition function itself.
    static func claim(in state: ClaimState, id: String = "C-1") -> Claim {
        let editing = draft(id: id)
        let submitted = apply(editing, .submit, by: partner, at: Self.submitted)
        let inReview = apply(submitted, .startReview, by: reviewer, at: reviewStarted)
        switch state {
        case .draft: return editing
        case .submitted: return submitted
        case .inReview: return inReview
        case .partnerActionRequired:
            return apply(inReview, .requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Please add the signed page", productsToRemove: []), by: reviewer, at: decided)
        case .approved: return apply(inReview, .approve, by: reviewer, at: decided)
        case .rejected: return apply(inReview, .reject(reasons: [.insufficientPoE], comment: "Unsigned"), by: reviewer, at: decided)
        case .disputed:
            let rejected = claim(in: .rejected, id: id)
            return apply(rejected, .dispute(justification: "The signed page is attached", evidence: [upload("poe-2")]), by: partner, at: Self.disputed)
        case .rejectedFinal: return apply(submitted, .requestRejection(reason: "Filed by mistake"), by: partner, at: decided)
        case .ended:
            // Only the 2023 edition lets the customer decline once the window has closed.
            let approved = claim(in: .approved, id: id)
            return try! approved.applying(.denyConsent(token: consentToken, reason: "Our contract with them ended"),
                                          by: .customer, at: afterConsentWindow, rules: rules2023).claim
        }
    }
}
