/// Every message key this module can produce, so the app can test that each locale's catalog
/// covers them all. Built from the enums themselves, so a new case is listed automatically.
public enum ClaimMessages {
    public static var allMessageKeys: Set<String> {
        var keys = Set<String>()
        keys.formUnion(Role.allCases.map(\.messageKey))
        keys.formUnion(SolutionArea.allCases.map(\.messageKey))
        keys.formUnion(Product.allCases.map(\.messageKey))
        keys.formUnion(Activity.allCases.map(\.messageKey))
        keys.formUnion(ClaimState.allCases.map(\.messageKey))
        keys.formUnion(Claim.refinedStatusMessageKeys)
        keys.formUnion(AssociationEnd.Cause.allCases.map(\.messageKey))
        keys.formUnion(RejectionReason.allCases.map(\.messageKey))
        keys.formUnion(PartnerActionReason.allCases.map(\.messageKey))
        keys.formUnion(DisputeDecision.allCases.map(\.messageKey))
        keys.formUnion(PoEChecklistItem.allCases.map(\.messageKey))
        keys.formUnion(ClaimField.allCases.map(\.messageKey))
        keys.formUnion(FieldIssue.Code.allCases.map { "error.field.\($0.rawValue)" })
        keys.formUnion(ClaimError.Code.allCases.map { "error.claim.\($0.rawValue)" })
        keys.formUnion(ActorKind.allCases.map(\.messageKey))
        keys.formUnion(ActionKind.allCases.map(\.messageKey))
        keys.formUnion(SystemTimer.allCases.map(\.messageKey))
        keys.formUnion(DeadlineKind.allCases.map(\.messageKey))
        keys.formUnion(HistoryKind.allCases.map(\.messageKey))
        keys.formUnion(EmailKind.allCases.map(\.messageKey))
        keys.formUnion(SubscriptionStatus.allCases.map(\.messageKey))
        keys.formUnion(DisputeStanding.closedMessageKeys)
        keys.formUnion(["error.claim.not_found", "error.claim.changed_since_read"])
        return keys
    }
}
