import Testing
@testable import Claims

struct PoEChecklistItemTests {
    @Test func failedItemsSuggestTheReasonsAReviewerWouldGive() {
        let suggested = PoEChecklistItem.suggestedReasons(failing: [.everyProductShown, .customerSignature])
        #expect(suggested.partnerAction == [.missingCustomerSignature, .missingProducts])
        #expect(suggested.rejection == [.missingCustomerConsentInPoE, .missingProducts])
    }

    @Test func aPoEThatPassesEverythingSuggestsNothing() {
        let suggested = PoEChecklistItem.suggestedReasons(failing: [])
        #expect(suggested.partnerAction.isEmpty && suggested.rejection.isEmpty)
    }

    @Test func everySuggestedRejectionIsOneAReviewerMayChoose() {
        let all = PoEChecklistItem.suggestedReasons(failing: Set(PoEChecklistItem.allCases))
        #expect(all.rejection.allSatisfy { $0.isReviewerChoice })
        #expect(Set(all.partnerAction) == Set(PartnerActionReason.allCases))
    }
}
