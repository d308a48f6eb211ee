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
    /// A tenant directory is loaded and does not list this tenant.
    case tenantNotInDirectory
    /// The tenant directory does not list this domain among the tenant's verified domains.
    case domainNotOnTenant(DomainName)
    /// The tenant directory does not list this subscription on the customer's tenant.
    case subscriptionNotOnTenant
    /// The tenant directory lists the subscription in a status that does not accept claims.
    case subscriptionNotAccepted(SubscriptionStatus)
    /// The subscription is for a product the claim does not name.
    case subscriptionForOtherProduct(Product)

    /// The issue's kind without its values: the stable part of its message key.
    public enum Code: String, CaseIterable, Sendable {
        case required = "required"
        case tooLong = "too_long"
        case notAGUID = "not_a_guid"
        case notAnEmailAddress = "not_an_email_address"
        case notADomainName = "not_a_domain_name"
        case notAPartnerLocationID = "not_a_partner_location_id"
        case unknownChoice = "unknown_choice"
        case noProducts = "no_products"
        case productsOutsideSolutionArea = "products_outside_solution_area"
        case duplicateProducts = "duplicate_products"
        case subscriptionNotAllowedForSolutionArea = "subscription_not_allowed_for_solution_area"
        case notEditable = "not_editable"
        case tenantNotInDirectory = "tenant_not_in_directory"
        case domainNotOnTenant = "domain_not_on_tenant"
        case subscriptionNotOnTenant = "subscription_not_on_tenant"
        case subscriptionNotAccepted = "subscription_not_accepted"
        case subscriptionForOtherProduct = "subscription_for_other_product"
    }

    public var code: Code {
        switch self {
        case .required: .required
        case .tooLong: .tooLong
        case .notAGUID: .notAGUID
        case .notAnEmailAddress: .notAnEmailAddress
        case .notADomainName: .notADomainName
        case .notAPartnerLocationID: .notAPartnerLocationID
        case .unknownChoice: .unknownChoice
        case .noProducts: .noProducts
        case .productsOutsideSolutionArea: .productsOutsideSolutionArea
        case .duplicateProducts: .duplicateProducts
        case .subscriptionNotAllowedForSolutionArea: .subscriptionNotAllowedForSolutionArea
        case .notEditable: .notEditable
        case .tenantNotInDirectory: .tenantNotInDirectory
        case .domainNotOnTenant: .domainNotOnTenant
        case .subscriptionNotOnTenant: .subscriptionNotOnTenant
        case .subscriptionNotAccepted: .subscriptionNotAccepted
        case .subscriptionForOtherProduct: .subscriptionForOtherProduct
        }
    }

    public var messageKey: String { "error.field.\(code.rawValue)" }

    public var messageArguments: [String: String] {
        switch self {
        case .tooLong(let maximum): ["maximum": String(maximum)]
        case .unknownChoice(let value): ["value": value]
        case .productsOutsideSolutionArea(let products): ["products": products.map(\.rawValue).joined(separator: ", ")]
        case .notEditable(let state): ["state": state.rawValue]
        case .domainNotOnTenant(let domain): ["domain": domain.rawValue]
        case .subscriptionNotAccepted(let status): ["status": status.messageKey]
        case .subscriptionForOtherProduct(let product): ["product": product.messageKey]
        case .required, .notAGUID, .notAnEmailAddress, .notADomainName, .notAPartnerLocationID, .noProducts,
             .duplicateProducts, .subscriptionNotAllowedForSolutionArea, .tenantNotInDirectory, .subscriptionNotOnTenant:
            [:]
        }
    }
}
