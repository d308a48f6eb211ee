import Testing
@testable import Claims

struct ClaimVisibilityTests {
    @Test func partnersSeeOnlyTheirOwnOrganization() {
        let claim = Fixtures.claim(in: .submitted)
        #expect(claim.isVisible(to: Fixtures.partner))
        #expect(!claim.isVisible(to: Fixtures.rival))
        #expect(claim.isVisible(to: Fixtures.reviewer))
        #expect(!claim.isVisible(to: .customer))
    }

    @Test func customersSeeAClaimOnlyThroughTheCurrentConsentLink() {
        #expect(Fixtures.claim(in: .approved).acceptsConsentToken(Fixtures.consentToken))
        #expect(!Fixtures.claim(in: .approved).acceptsConsentToken(ConsentToken("guess")))
        #expect(!Fixtures.claim(in: .inReview).acceptsConsentToken(Fixtures.consentToken))
    }

    @Test func usersBecomeActorsByRole() {
        let organization = Fixtures.organization
        #expect(Actor.user(UserID("r"), role: .reviewer, organization: nil) == .reviewer(UserID("r")))
        #expect(Actor.user(UserID("g"), role: .globalAdmin, organization: organization)?.kind == .partner)
        #expect(Actor.user(UserID("g"), role: .billingAdmin, organization: nil) == nil)
    }
}
