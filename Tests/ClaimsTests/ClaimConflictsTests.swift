import Testing
@testable import Claims

struct ClaimConflictsTests {
    let rules = Fixtures.rules

    /// A claim on the fixture tenant, by `actor`, for `products`, driven to `state`.
    func claim(_ id: String, by actor: Actor, products: [Product], state: ClaimState = .submitted, subscription: String = "") -> Claim {
        var form = Fixtures.completeForm
        form.products = products.map(\.rawValue)
        form.solutionArea = products[0].solutionArea.rawValue
        form.subscriptionID = subscription
        var claim = Fixtures.draft(id: id, form: form, by: actor)
        if state != .draft { claim = Fixtures.apply(claim, .submit, by: actor, at: Fixtures.submitted) }
        if state == .inReview || state == .rejected { claim = Fixtures.apply(claim, .startReview, by: Fixtures.reviewer, at: Fixtures.reviewStarted) }
        if state == .rejected { claim = Fixtures.apply(claim, .reject(reasons: [.poeNotAvailable], comment: ""), by: Fixtures.reviewer, at: Fixtures.decided) }
        return claim
    }

    @Test func theSameOrganizationFilingTwiceIsRefusedNamingTheExistingClaim() {
        let existing = claim("C-2", by: Fixtures.partner, products: [.exchangeOnline])
        let again = claim("C-1", by: Fixtures.partner, products: [.exchangeOnline, .teams], state: .draft)
        do {
            _ = try again.applying(.submit, by: Fixtures.partner, at: Fixtures.now, rules: rules, claimsOnSameTenant: [existing])
            Issue.record("a duplicate was submitted")
        } catch {
            #expect(error == .duplicateClaim(existing: ClaimID("C-2"), products: [.exchangeOnline]))
            #expect(error.messageKey == "error.claim.duplicate_claim")
            #expect(error.messageArguments["claim"] == "C-2")
        }
    }

    @Test func anotherOrganizationsClaimIsFlaggedOnBothSides() throws {
        let rival = claim("C-3", by: Fixtures.rival, products: [.teams], state: .inReview)
        let mine = claim("C-1", by: Fixtures.partner, products: [.exchangeOnline, .teams], state: .draft)
        let submitted = try mine.applying(.submit, by: Fixtures.partner, at: Fixtures.now, rules: rules, claimsOnSameTenant: [rival])
        #expect(submitted.claim.state == .submitted)
        let flags = submitted.history.filter { $0.kind == .conflict }
        #expect(flags.map(\.claimID) == [ClaimID("C-1"), ClaimID("C-3")])
        #expect(flags.map(\.event) == [.conflict(with: ClaimID("C-3"), products: [.teams]), .conflict(with: ClaimID("C-1"), products: [.teams])])
        #expect(submitted.claim.conflicts(among: [rival]).map(\.kind) == [.competing])
    }

    @Test func approvalWaitsUntilTheConflictIsResolved() throws {
        let inReview = claim("C-1", by: Fixtures.partner, products: [.exchangeOnline, .teams], state: .inReview)
        let rival = claim("C-3", by: Fixtures.rival, products: [.teams], state: .inReview)
        #expect(throws: ClaimError.unresolvedConflict(claim: ClaimID("C-1"), competing: [ClaimID("C-3")])) {
            try inReview.applying(.approve, by: Fixtures.reviewer, at: Fixtures.now, rules: rules, claimsOnSameTenant: [rival])
        }
        // Resolved by rejecting the other claim…
        let rejectedRival = claim("C-3", by: Fixtures.rival, products: [.teams], state: .rejected)
        #expect(try inReview.applying(.approve, by: Fixtures.reviewer, at: Fixtures.now, rules: rules, claimsOnSameTenant: [rejectedRival]).claim.state == .approved)
        // …or by the workload leaving this claim.
        let trimmed = try inReview
            .applying(.requestPartnerAction(reasons: [.missingProducts], comment: "Teams belongs to another partner", productsToRemove: [.teams]), by: Fixtures.reviewer, at: Fixtures.now, rules: rules)
            .claim
        #expect(throws: ClaimError.productsStillClaimed([.teams])) {
            try trimmed.applying(.resubmit(comment: ""), by: Fixtures.partner, at: Fixtures.now, rules: rules)
        }
        var form = ClaimForm(trimmed.details)
        form.products = [Product.exchangeOnline.rawValue]
        let edited = try trimmed.applying(.edit(form), by: Fixtures.partner, at: Fixtures.now, rules: rules).claim
        let back = try edited.applying(.resubmit(comment: "Removed Teams"), by: Fixtures.partner, at: Fixtures.now, rules: rules).claim
        #expect(try back.applying(.approve, by: Fixtures.reviewer, at: Fixtures.now, rules: rules, claimsOnSameTenant: [rival]).claim.state == .approved)
    }

    @Test func draftsOtherTenantsAndOtherSubscriptionsDoNotConflict() {
        let mine = claim("C-1", by: Fixtures.partner, products: [.dynamics365Sales], subscription: "6F9619FF-8B86-D011-B42D-00C04FC964FF")
        let draft = claim("C-4", by: Fixtures.rival, products: [.dynamics365Sales], state: .draft)
        let otherSubscription = claim("C-5", by: Fixtures.rival, products: [.dynamics365Sales], subscription: "7F9619FF-8B86-D011-B42D-00C04FC964FF")
        let sameSubscription = claim("C-6", by: Fixtures.rival, products: [.dynamics365Sales], subscription: "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        let wholeTenant = claim("C-7", by: Fixtures.rival, products: [.dynamics365Sales])
        #expect(mine.conflicts(among: [draft, otherSubscription, sameSubscription, wholeTenant]).map(\.other) == [ClaimID("C-6"), ClaimID("C-7")])

        var elsewhere = Fixtures.completeForm
        elsewhere.tenantID = "00000000-0000-0000-0000-000000000001"
        let otherTenant = Fixtures.apply(Fixtures.draft(id: "C-8", form: elsewhere, by: Fixtures.rival), .submit, by: Fixtures.rival, at: Fixtures.submitted)
        #expect(claim("C-1", by: Fixtures.partner, products: [.exchangeOnline]).conflicts(among: [otherTenant]).isEmpty)
    }

    @Test func addingAConflictingWorkloadAfterSubmissionIsCheckedToo() {
        let existing = claim("C-2", by: Fixtures.partner, products: [.teams])
        let mine = claim("C-1", by: Fixtures.partner, products: [.exchangeOnline])
        var form = ClaimForm(mine.details)
        form.products = [Product.exchangeOnline.rawValue, Product.teams.rawValue]
        #expect(throws: ClaimError.duplicateClaim(existing: ClaimID("C-2"), products: [.teams])) {
            try mine.applying(.edit(form), by: Fixtures.partner, at: Fixtures.now, rules: rules, claimsOnSameTenant: [existing])
        }
    }

    @Test func aClaimIsCompetingOnlyWhileBothSidesHoldTheWorkload() {
        let rival = claim("C-3", by: Fixtures.rival, products: [.teams], state: .inReview)
        let mine = claim("C-1", by: Fixtures.partner, products: [.exchangeOnline, .teams])
        #expect(mine.isCompeting(among: [rival]))
        #expect(rival.isCompeting(among: [mine]))
        // A draft holds nothing yet, and a rejected rival no longer holds the workload.
        #expect(!claim("C-1", by: Fixtures.partner, products: [.teams], state: .draft).isCompeting(among: [rival]))
        #expect(!mine.isCompeting(among: [claim("C-3", by: Fixtures.rival, products: [.teams], state: .rejected)]))
        // Another workload of the same tenant is no competition.
        #expect(!mine.isCompeting(among: [claim("C-4", by: Fixtures.rival, products: [.intune])]))
    }
}
