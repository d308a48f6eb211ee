/// What a proof of execution must show, as a reviewer checks it. An item the PoE fails names the
/// reasons a reviewer would give the partner, so the decision forms can offer them ready-picked.
public enum PoEChecklistItem: String, CaseIterable, Codable, Sendable, MessageKeyed {
    /// The documents open and are the customer's evidence, not something else.
    case documentsReadable = "documents_readable"
    /// The customer acknowledged or signed the partner's work.
    case customerSignature = "customer_signature"
    /// That acknowledgement is dated, within the last 12 months.
    case datedWithinTwelveMonths = "dated_within_twelve_months"
    /// The partner's solution or service is described.
    case partnerWorkDescribed = "partner_work_described"
    /// Every product on the claim appears in the PoE.
    case everyProductShown = "every_product_shown"
    /// The customer in the PoE is the claim's customer (name, domain, tenant).
    case customerDetailsMatch = "customer_details_match"

    public var messageKey: String { "poe_check.\(rawValue)" }

    /// What to ask the partner for when the PoE fails this item.
    public var partnerActionReasons: [PartnerActionReason] {
        switch self {
        case .documentsReadable: [.missingAllPoE]
        case .customerSignature: [.missingCustomerSignature]
        case .datedWithinTwelveMonths: [.missingOrOutdatedDates]
        case .partnerWorkDescribed: [.missingSolutionDescription]
        case .everyProductShown: [.missingProducts]
        // No request reason names the customer's details; the reviewer's comment says what differs.
        case .customerDetailsMatch: []
        }
    }

    /// Why to reject when the PoE fails this item (only reasons a reviewer may choose).
    public var rejectionReasons: [RejectionReason] {
        switch self {
        case .documentsReadable: [.poeNotAvailable]
        case .customerSignature: [.missingCustomerConsentInPoE]
        case .datedWithinTwelveMonths, .partnerWorkDescribed, .customerDetailsMatch: [.insufficientPoE]
        case .everyProductShown: [.missingProducts]
        }
    }

    /// The reasons suggested by the items a PoE failed, each once, in each reason list's own order.
    public static func suggestedReasons(failing failed: Set<PoEChecklistItem>)
        -> (partnerAction: [PartnerActionReason], rejection: [RejectionReason]) {
        let partnerAction = Set(failed.flatMap(\.partnerActionReasons))
        let rejection = Set(failed.flatMap(\.rejectionReasons))
        return (PartnerActionReason.allCases.filter(partnerAction.contains), RejectionReason.allCases.filter(rejection.contains))
    }
}
