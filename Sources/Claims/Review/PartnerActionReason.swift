/// Why a reviewer needs more from the partner. Raw values are stored; never rename one.
public enum PartnerActionReason: String, CaseIterable, Codable, Sendable, MessageKeyed {
    case missingAllPoE = "missing_all_poe"
    case missingCustomerSignature = "missing_customer_signature"
    case missingOrOutdatedDates = "missing_or_outdated_dates"
    case missingSolutionDescription = "missing_solution_description"
    case missingProducts = "missing_products"

    public var messageKey: String { "reason.partner_action.\(rawValue)" }
}
