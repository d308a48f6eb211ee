extension ClaimForm {
    /// A field's value normalized the way validation would store it (GUID case, domain case,
    /// product order), so re-saving an unchanged form never counts as a change.
    func comparable(_ field: ClaimField) -> String {
        let raw = value(of: field).trimmingWhitespace
        switch field {
        case .tenantID: return TenantID(parsing: raw)?.rawValue ?? raw
        case .subscriptionID: return SubscriptionID(parsing: raw)?.rawValue ?? raw
        case .customerDomain: return DomainName(parsing: raw)?.rawValue ?? raw
        case .customerContactEmail, .partnerContactEmail: return EmailAddress(parsing: raw)?.rawValue ?? raw
        case .partnerLocationID: return PartnerLocationID(parsing: raw)?.rawValue ?? raw
        case .customerContactLanguage: return ClaimForm.languageCode(raw) ?? raw
        case .products:
            let values = products.map(\.trimmingWhitespace).filter { !$0.isEmpty }
            let known = values.compactMap(Product.init(rawValue:)).sorted().map(\.rawValue)
            let unknown = values.filter { Product(rawValue: $0) == nil }.sorted()
            return (known + unknown).joined(separator: ", ")
        case .name, .customerName, .solutionArea, .activity, .customerContactName, .customerContactTitle, .partnerContactName:
            return raw
        }
    }
}
