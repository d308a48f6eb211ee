import Claims
import Foundation
import Storage

/// Claims in every state for `cpor seed`, each driven there through the workflow itself at times
/// chosen relative to `now`, so that none has a timer due at `now` except the kind meant to.
/// `BulkLoader` copies them by the thousand.
public enum SampleClaims {
    public enum Kind: String, CaseIterable, Sendable {
        case draft, submitted, inReview, partnerActionRequired, approvedInConsentWindow
        case sentForIncentiveEvaluation
        /// Approved, and the consent window closed before `now`: the timer sweep's work.
        case consentWindowClosed
        case rejected, disputed, withdrawn
        /// Rejected, and the dispute window lapsed into Rejected (final).
        case disputeWindowLapsed

        /// How often the kind appears among the claims that are not due, roughly as in a live system.
        public var weight: Int {
            switch self {
            case .draft: 8
            case .submitted, .inReview: 10
            case .partnerActionRequired, .approvedInConsentWindow, .rejected: 5
            case .sentForIncentiveEvaluation: 30
            case .consentWindowClosed: 0
            case .disputed: 4
            case .withdrawn: 13
            case .disputeWindowLapsed: 10
            }
        }

        /// How long before `now` a claim of this kind may have been created, in hours. The windows
        /// of kinds with a timer keep it from being due; `build` checks that anyway.
        var ages: ClosedRange<Double> {
            let day = 24.0
            switch self {
            case .draft: return 1...(365 * day)
            case .submitted: return 2...(90 * day)
            case .inReview, .withdrawn: return (1 * day + 1)...(90 * day)
            case .partnerActionRequired: return (2 * day + 1)...(5 * day)
            case .approvedInConsentWindow: return (2 * day + 1)...(8 * day)
            case .sentForIncentiveEvaluation, .disputeWindowLapsed: return (40 * day)...(365 * day)
            case .consentWindowClosed: return (11 * day)...(60 * day)
            case .rejected: return (2 * day + 1)...(28 * day)
            case .disputed: return (3 * day + 1)...(120 * day)
            }
        }
    }

    /// Who files the claims of one organization.
    public struct Filer: Sendable {
        public let partner: Actor
        public let locationID: String

        public init(partner: Actor, locationID: String) {
            self.partner = partner
            self.locationID = locationID
        }
    }

    private static let productSets: [(SolutionArea, [Product])] = [
        (.microsoft365, [.exchangeOnline, .teams]), (.microsoft365, [.sharePointOnline, .oneDriveForBusiness]),
        (.microsoft365, [.intune, .defenderForOffice365]), (.microsoft365, [.microsoft365Apps]),
        (.businessApplications, [.dynamics365Sales]), (.businessApplications, [.dynamics365CustomerService, .powerApps]),
        (.businessApplications, [.dynamics365Finance, .dynamics365SupplyChainManagement]),
        (.businessApplications, [.powerBI, .powerAutomate]),
    ]

    /// `variants` claims of `kind`, created at ages spread over the kind's range; a variant whose
    /// timers would not match its kind at `now` is moved closer to the range's start, or left out.
    public static func prototypes(_ kind: Kind, variants: Int, filer: Filer, reviewer: Actor, now: Date,
                           rules: WorkflowRules) throws -> [BulkLoader.Prototype] {
        try (0..<variants).compactMap { variant in
            let range = kind.ages
            var age = range.lowerBound + (range.upperBound - range.lowerBound) * (Double(variant) + 0.5) / Double(variants)
            for _ in 0..<12 {
                let createdAt = now.addingTimeInterval(-age * 3600)
                let prototype = try build(kind, variant: variant, filer: filer, reviewer: reviewer, createdAt: createdAt,
                                          rules: rules)
                if fits(prototype.claim, kind, now: now) { return prototype }
                age = range.lowerBound + (age - range.lowerBound) / 2
            }
            return nil
        }
    }

    private static func fits(_ claim: Claim, _ kind: Kind, now: Date) -> Bool {
        if kind == .consentWindowClosed { return claim.dueTimer(at: now) == .consentWindowClosed }
        return (claim.nextTimerDue.map { $0 > now } ?? true) && claim.dueTimer(at: now) == nil
    }

    /// One claim of `kind`, created at `createdAt` and moved on a fixed timeline: submitted an hour
    /// later, picked up after a day, decided after two, disputed after three.
    static func build(_ kind: Kind, variant: Int, filer: Filer, reviewer: Actor, createdAt: Date,
                      rules: WorkflowRules) throws -> BulkLoader.Prototype {
        let (area, products) = productSets[variant % productSets.count]
        let form = ClaimForm(
            name: "Sample \(kind.rawValue) \(variant)", partnerLocationID: filer.locationID,
            tenantID: UUID().uuidString, customerDomain: "sample-customer.example", customerName: "Sample Customer",
            solutionArea: area.rawValue, products: products.map(\.rawValue),
            activity: [Activity.preSales, .usageDeployment, .revenueAssociation][variant % 3].rawValue,
            customerContactName: "Carla Ruiz", customerContactTitle: "CIO", customerContactEmail: "carla@customer.example",
            partnerContactName: "Ana Gil", partnerContactEmail: "ana@partner.example")
        let hour: TimeInterval = 3600
        var steps = [try Claim.draft(id: ClaimID("C-sample-\(kind.rawValue)-\(variant)"), form: form,
                                     by: filer.partner, at: createdAt)]
        func apply(_ action: ClaimAction, by actor: Actor, after hours: Double) throws {
            steps.append(try steps[steps.count - 1].claim.applying(action, by: actor, at: createdAt.addingTimeInterval(hours * hour),
                                                                   rules: rules))
        }
        func fireTimers(at time: Date) {
            if let step = steps[steps.count - 1].claim.firingDueTimers(at: time, rules: rules) { steps.append(step) }
        }
        let upload = ProofOfExecution.Upload(id: DocumentID("sample-poe-\(kind.rawValue)-\(variant)-1"),
                                             filename: "signed-statement-of-work.pdf", contentType: "application/pdf",
                                             size: DemoDocument.bytes.count, sha256: DemoDocument.sha256)
        try apply(.addProofOfExecution(upload), by: filer.partner, after: 0.2)
        if kind == .draft { return BulkLoader.Prototype(steps) }
        try apply(.submit, by: filer.partner, after: 1)
        if kind == .submitted { return BulkLoader.Prototype(steps) }
        if kind == .withdrawn {
            try apply(.requestRejection(reason: "Filed under the wrong location"), by: filer.partner, after: 24)
            return BulkLoader.Prototype(steps)
        }
        try apply(.startReview, by: reviewer, after: 24)
        switch kind {
        case .inReview:
            break
        case .partnerActionRequired:
            try apply(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Please add the signed page",
                                            productsToRemove: []), by: reviewer, after: 48)
        case .approvedInConsentWindow, .consentWindowClosed:
            try apply(.approve, by: reviewer, after: 48)
        case .sentForIncentiveEvaluation:
            try apply(.approve, by: reviewer, after: 48)
            if let closesAt = steps[steps.count - 1].claim.approval?.consentWindow.closesAt { fireTimers(at: closesAt) }
        case .rejected, .disputed, .disputeWindowLapsed:
            try apply(.reject(reasons: [.insufficientPoE], comment: "The statement of work is not signed"), by: reviewer, after: 48)
            if kind == .disputed {
                let signed = ProofOfExecution.Upload(id: DocumentID("sample-poe-\(kind.rawValue)-\(variant)-2"),
                                                     filename: "signed-page.pdf", contentType: "application/pdf",
                                                     size: DemoDocument.bytes.count, sha256: DemoDocument.sha256)
                try apply(.dispute(justification: "The signed page is attached", evidence: [signed]), by: filer.partner, after: 72)
            }
            if kind == .disputeWindowLapsed, let window = steps[steps.count - 1].claim.rejection?.disputeWindow {
                if let remindAt = window.remindAt { fireTimers(at: remindAt) }
                fireTimers(at: window.closesAt)
            }
        case .draft, .submitted, .withdrawn:
            break
        }
        return BulkLoader.Prototype(steps)
    }
}
