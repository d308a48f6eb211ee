/// A field of the claim form; validation errors and edit history are reported per field.
/// Raw values are stored in history and used as form field names; never rename one.
public enum ClaimField: String, CaseIterable, CaseHashed, Codable, Sendable, Comparable, MessageKeyed {
    case name = "name"
    case partnerLocationID = "partner_location_id"
    case tenantID = "tenant_id"
    case customerDomain = "customer_domain"
    case customerName = "customer_name"
    case solutionArea = "solution_area"
    case products = "products"
    case activity = "activity"
    case subscriptionID = "subscription_id"
    case customerContactName = "customer_contact_name"
    case customerContactTitle = "customer_contact_title"
    case customerContactEmail = "customer_contact_email"
    case customerContactLanguage = "customer_contact_language"
    case partnerContactName = "partner_contact_name"
    case partnerContactEmail = "partner_contact_email"

    public var messageKey: String { "field.\(rawValue)" }

    /// What the partner may still change once a claim is submitted (Submitted, Partner action required).
    public static let editableAfterSubmission: Set<ClaimField> = [
        .partnerLocationID, .products,
        .customerContactName, .customerContactTitle, .customerContactEmail, .customerContactLanguage,
        .partnerContactName, .partnerContactEmail,
    ]

    /// Fields a draft may leave empty but a submitted claim may not. Without a language, the
    /// contact is written to in the deployment's default.
    public var isRequiredForSubmission: Bool { self != .subscriptionID && self != .customerContactLanguage }

    /// Fields even a draft needs, so it can be listed and found again.
    public var isRequiredForDraft: Bool { self == .name }

    /// Form order.
    public static func < (lhs: ClaimField, rhs: ClaimField) -> Bool {
        let order = ClaimField.allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
