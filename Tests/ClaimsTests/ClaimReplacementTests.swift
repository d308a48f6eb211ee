import Foundation
import Testing
@testable import Claims

/// The July 2020 update: PoE can be added to an approved association, and when another
/// organization claims the same tenant and workload, the most recent PoE is what is weighed, so a
/// claim with fresher PoE may take the older association over for the workloads they share.
/// The same under both policies.
struct ClaimReplacementTests {
    static let policies = [Fixtures.rules, Fixtures.rules2023]

    /// Contoso's claim C-1 for Exchange Online and Teams, approved Wednesday 4 March; its only PoE
    /// was uploaded Monday 2 March.
    static let older = Fixtures.claim(in: .approved)
    static let freshPoE = Fixtures.local("2026-03-06 10:00")
    static let decidedAgain = Fixtures.local("2026-03-09 12:00")

    /// Fabrikam's claim C-2 on the same tenant for `products`, with a PoE uploaded at `poeAt`,
    /// submitted beside the approved C-1 and in review.
    static func newer(_ products: [Product] = [.exchangeOnline, .teams], poeAt: Date = freshPoE,
                      rules: WorkflowRules = Fixtures.rules) -> Claim {
        var form = Fixtures.completeForm
        form.products = products.map(\.rawValue)
        var claim = try! Claim.draft(id: ClaimID("C-2"), form: form, by: Fixtures.rival, at: Fixtures.created).claim
        claim = try! claim.applying(.addProofOfExecution(Fixtures.upload("poe-fabrikam")), by: Fixtures.rival, at: poeAt, rules: rules).claim
        claim = try! claim.applying(.submit, by: Fixtures.rival, at: poeAt, rules: rules, claimsOnSameTenant: [older]).claim
        return try! claim.applying(.startReview, by: Fixtures.reviewer, at: poeAt, rules: rules).claim
    }

    // MARK: fresh PoE on an approved association

    @Test(arguments: policies)
    func aPartnerAddsFreshPoEToAnApprovedAssociation(rules: WorkflowRules) throws {
        for partner in [Fixtures.partner, ClaimTransitionTests.TestActor.globalAdmin.actor, ClaimTransitionTests.TestActor.billingAdmin.actor] {
            let transition = try Self.older.applying(.addProofOfExecution(Fixtures.upload("poe-ongoing")), by: partner,
                                                     at: Self.freshPoE, rules: rules)
            #expect(transition.claim.state == .approved)
            #expect(transition.claim.approval == Self.older.approval, "the approval and its consent window are untouched")
            #expect(transition.claim.latestProofOfExecutionAt == Self.freshPoE)
            #expect(transition.history.map(\.event) == [.upload(document: DocumentID("poe-ongoing"), filename: "poe-ongoing.pdf")])
            #expect(transition.emails.isEmpty)
        }
        // Sent for incentive evaluation, it is still the partner's to keep current.
        let sent = try #require(Self.older.firingDueTimers(at: Fixtures.afterConsentWindow, rules: rules)).claim
        #expect(sent.availability(of: .addProofOfExecution, for: Fixtures.partner, at: Fixtures.local("2026-06-01 09:00"), rules: rules).isAllowed)
        // Never another organization's, nor a reviewer's.
        #expect(Self.older.availability(of: .addProofOfExecution, for: Fixtures.rival, at: Self.freshPoE, rules: rules)
            == .refused(.otherOrganization(claim: Self.older.id)))
        #expect(Self.older.availability(of: .addProofOfExecution, for: Fixtures.reviewer, at: Self.freshPoE, rules: rules)
            == .refused(.notAllowedForActor(action: .addProofOfExecution, actor: .reviewer)))
        // Nor on an association that has ended, nor while a decision is pending.
        for state in [ClaimState.inReview, .rejected, .disputed, .rejectedFinal, .ended] {
            #expect(!Fixtures.claim(in: state).availability(of: .addProofOfExecution, for: Fixtures.partner,
                                                             at: Self.freshPoE, rules: rules).isAllowed, "\(state)")
        }
    }

    // MARK: which PoE is weighed

    @Test func theMostRecentPoEIsWeighed() {
        let older = Self.older
        #expect(older.latestProofOfExecutionAt == Fixtures.created)
        #expect(Self.newer().replaces(older))
        // A tie keeps the association where it is.
        #expect(!Self.newer(poeAt: Fixtures.created).replaces(older))
        // So does fresher PoE on the approved association.
        let kept = Fixtures.apply(older, .addProofOfExecution(Fixtures.upload("poe-ongoing")), by: Fixtures.partner,
                                  at: Fixtures.local("2026-03-07 10:00"))
        #expect(!Self.newer().replaces(kept))
        // Only an approved association is taken over; the same organization's claims never compete.
        #expect(!Self.newer().replaces(Fixtures.claim(in: .inReview)))
        #expect(!Self.older.replaces(Self.newer()))
    }

    @Test(arguments: policies)
    func approvalWaitsWhileTheApprovedAssociationHasPoEAsRecent(rules: WorkflowRules) {
        let kept = Fixtures.apply(Self.older, .addProofOfExecution(Fixtures.upload("poe-ongoing")), by: Fixtures.partner, at: Self.freshPoE)
        let newer = Self.newer(rules: rules)
        #expect(newer.blockingConflicts(among: [kept]).map(\.other) == [kept.id])
        #expect(newer.availability(of: .approve, for: Fixtures.reviewer, at: Self.decidedAgain, rules: rules, claimsOnSameTenant: [kept])
            == .refused(.unresolvedConflict(claim: newer.id, competing: [kept.id])))
    }

    @Test(arguments: policies)
    func approvalStillWaitsForAClaimUnderWay(rules: WorkflowRules) {
        // A competing claim still in review holds the workload whatever its PoE: one side is resolved first.
        let inReview = Self.newer([.exchangeOnline], rules: rules)
        let underWay = Fixtures.claim(in: .inReview, id: "C-4")
        #expect(inReview.blockingConflicts(among: [Self.older, underWay]).map(\.other) == [underWay.id])
        #expect(!inReview.availability(of: .approve, for: Fixtures.reviewer, at: Self.decidedAgain, rules: rules,
                                       claimsOnSameTenant: [Self.older, underWay]).isAllowed)
    }

    // MARK: the decision takes the association over

    @Test(arguments: policies)
    func approvingTheFresherClaimEndsTheOlderAssociationForEveryWorkloadItShares(rules: WorkflowRules) throws {
        let newer = Self.newer(rules: rules)
        #expect(newer.availability(of: .approve, for: Fixtures.reviewer, at: Self.decidedAgain, rules: rules,
                                   claimsOnSameTenant: [Self.older]) == .allowed)
        let transition = try newer.applying(.approve, by: Fixtures.reviewer, at: Self.decidedAgain, rules: rules,
                                            claimsOnSameTenant: [Self.older])
        #expect(transition.claim.state == .approved)
        let older = try #require(transition.otherClaims.first)
        #expect(transition.otherClaims.count == 1)
        #expect(older.id == Self.older.id)
        #expect(older.version == Self.older.version + 1)
        #expect(older.state == .ended)
        #expect(older.endCause == .replaced)
        #expect(older.statusMessageKey == "state.ended.replaced")
        #expect(older.details.products == [.exchangeOnline, .teams], "an ended claim keeps what it held, for the record")
        #expect(older.approval?.ends == [AssociationEnd(
            endedAt: Self.decidedAgain, endedBy: Fixtures.reviewer, cause: .replaced, products: [.exchangeOnline, .teams],
            replacedBy: newer.id, latestProofOfExecutionAt: Fixtures.created, replacingLatestProofOfExecutionAt: Self.freshPoE)])
        // Nothing competes any more.
        #expect(transition.claim.conflicts(among: [older]).isEmpty)
        #expect(!transition.claim.isCompeting(among: [older]))

        // Both histories say so; the older claim's partner is e-mailed why, the newer's as on any approval.
        let onOlder = transition.history.filter { $0.claimID == older.id }.map(\.event)
        #expect(onOlder == [
            .replacedBy(claim: newer.id, products: [.exchangeOnline, .teams]),
            .stateChange(from: .approved, to: .ended, reasons: ["association_end.replaced"], comment: ""),
            .email(.associationReplaced, recipient: EmailAddress(parsing: "ana@partner.example")!),
        ])
        #expect(transition.history.filter { $0.claimID == newer.id }.map(\.event)
            .contains(.replaced(claim: older.id, products: [.exchangeOnline, .teams])))
        let email = try #require(transition.emails.first { $0.kind == .associationReplaced })
        #expect(email.claimID == older.id)
        #expect(email.parameters["ended_products"] == "product.exchange_online,product.teams")
        #expect(email.parameters["remaining_products"] == "")
        #expect(email.parameters["replaced_by"] == "C-2")
        #expect(email.parameters["own_poe_at"] == "2026-03-02T08:00:00Z")
        #expect(email.parameters["replacing_poe_at"] == "2026-03-06T09:00:00Z")
        #expect(Set(transition.emails.map(\.kind)) == [.associationReplaced, .consentRequest, .approval])
    }

    @Test(arguments: policies)
    func workloadsTheOlderClaimHoldsAloneStayApproved(rules: WorkflowRules) throws {
        let newer = Self.newer([.teams], rules: rules)
        let transition = try newer.applying(.approve, by: Fixtures.reviewer, at: Self.decidedAgain, rules: rules,
                                            claimsOnSameTenant: [Self.older])
        let older = try #require(transition.otherClaims.first)
        #expect(older.state == .approved)
        #expect(older.endCause == nil)
        #expect(older.details.products == [.exchangeOnline])
        #expect(older.approval?.ends.map(\.products) == [[.teams]])
        #expect(older.approval?.consentWindow == Self.older.approval?.consentWindow, "what stands keeps its consent window")
        #expect(!transition.history.contains { $0.claimID == older.id && $0.kind == .stateChange })
        let email = try #require(transition.emails.first { $0.kind == .associationReplaced })
        #expect(email.parameters["ended_products"] == "product.teams")
        #expect(email.parameters["remaining_products"] == "product.exchange_online")
        #expect(transition.claim.conflicts(among: [older]).isEmpty)
    }

    @Test func overturningADisputeTakesOverAsApprovalDoes() throws {
        var disputed = Self.newer()
        disputed = Fixtures.apply(disputed, .reject(reasons: [.insufficientPoE], comment: ""), by: Fixtures.reviewer, at: Self.freshPoE)
        disputed = Fixtures.apply(disputed, .dispute(justification: "Signed", evidence: [Fixtures.upload("poe-dispute")]),
                                  by: Fixtures.rival, at: Self.freshPoE)
        let transition = try disputed.applying(.decideDispute(.overturn, comment: "Fresh and signed"), by: Fixtures.reviewer,
                                               at: Self.decidedAgain, rules: Fixtures.rules, claimsOnSameTenant: [Self.older])
        #expect(transition.claim.state == .approved)
        #expect(transition.otherClaims.map(\.state) == [.ended])
        // Upholding takes nothing over.
        let upheld = try disputed.applying(.decideDispute(.uphold, comment: ""), by: Fixtures.reviewer, at: Self.decidedAgain,
                                           rules: Fixtures.rules, claimsOnSameTenant: [Self.older])
        #expect(upheld.otherClaims.isEmpty)
    }

    @Test func aDecisionThatTakesNothingOverChangesNoOtherClaim() throws {
        let transition = try Fixtures.claim(in: .inReview).applying(.approve, by: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules)
        #expect(transition.otherClaims.isEmpty)
    }
}
