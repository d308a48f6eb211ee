/// What is wrong with one field of the claim form, shown next to that field.
public enum FieldIssue: Hashable, Codable, Sendable, MessageKeyed {
    case required
    case tooLong(maximum: Int)
    case notAGUID
    case notAnEmailAddress
    case notADomainName
    case notAPartnerLocationID
    case unknownChoice(String)
    case noProducts
    case productsOutsideSolutionArea([Product])
    case duplicateProducts
    case subscriptionNotAllowedForSolutionArea
    /// The field cannot be changed in the claim's current state.
    case notEditable(ClaimState)

    public var messageKey: String {
        switch self {
        case .required: "error.field.required"
        case .tooLong: "error.field.too_long"
        case .notAGUID: "error.field.not_a_guid"
        case .notAnEmailAddress: "error.field.not_an_email_address"
        case .notADomainName: "error.field.not_a_domain_name"
        case .notAPartnerLocationID: "error.field.not_a_partner_location_id"
        case .unknownChoice: "error.field.unknown_choice"
        case .noProducts: "error.field.no_products"
        case .productsOutsideSolutionArea: "error.field.products_outside_solution_area"
        case .duplicateProducts: "error.field.duplicate_products"
        case .subscriptionNotAllowedForSolutionArea: "error.field.subscription_not_allowed_for_solution_area"
        case .notEditable: "error.field.not_editable"
        }
    }

    public var messageArguments: [String: String] {
        switch self {
        case .tooLong(let maximum): ["maximum": String(maximum)]
        case .unknownChoice(let value): ["value": value]
        case .productsOutsideSolutionArea(let products): ["products": products.map(\.rawValue).joined(separator: ", ")]
        case .notEditable(let state): ["state": state.rawValue]
        case .required, .notAGUID, .notAnEmailAddress, .notADomainName, .notAPartnerLocationID, .noProducts,
             .duplicateProducts, .subscriptionNotAllowedForSolutionArea:
            [:]
        }
    }

    /// One sample of every case, so the catalog check cannot miss a key.
    static let samples: [FieldIssue] = [
        .required, .tooLong(maximum: 1), .notAGUID, .notAnEmailAddress, .notADomainName, .notAPartnerLocationID,
        .unknownChoice(""), .noProducts, .productsOutsideSolutionArea([]), .duplicateProducts,
        .subscriptionNotAllowedForSolutionArea, .notEditable(.draft),
    ]
}
