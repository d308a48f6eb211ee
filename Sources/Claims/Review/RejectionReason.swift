/// Why a claim was rejected. Raw values are stored; never rename one.
public enum RejectionReason: String, CaseIterable, CaseHashed, Codable, Sendable, MessageKeyed {
    case partnerRequest = "partner_request"
    case customerRejection = "customer_rejection"
    case insufficientPoE = "insufficient_poe"
    case missingCustomerConsentInPoE = "missing_customer_consent_in_poe"
    case missingProducts = "missing_products"
    case noPartnerResponse = "no_partner_response"
    case poeNotAvailable = "poe_not_available"

    public var messageKey: String { "reason.rejection.\(rawValue)" }

    /// The reasons a reviewer picks from; the others are set by the partner, customer or a timer.
    public var isReviewerChoice: Bool {
        switch self {
        case .insufficientPoE, .missingCustomerConsentInPoE, .missingProducts, .poeNotAvailable: true
        case .partnerRequest, .customerRejection, .noPartnerResponse: false
        }
    }

    /// Only a reviewer's judgement or a lapsed response can be disputed; a partner's own request
    /// or a customer's denial cannot.
    public var isDisputable: Bool { isReviewerChoice || self == .noPartnerResponse }
}
