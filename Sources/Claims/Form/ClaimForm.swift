/// The claim form as typed: every value a raw string, so that whatever the partner entered can be
/// shown back to them next to its error. `validated` turns it into `ClaimDetails`.
public struct ClaimForm: Hashable, Codable, Sendable {
    public var name: String
    public var partnerLocationID: String
    public var tenantID: String
    public var customerDomain: String
    public var customerName: String
    public var solutionArea: String
    /// Product raw values, e.g. `exchange_online`.
    public var products: [String]
    public var activity: String
    public var subscriptionID: String
    public var customerContactName: String
    public var customerContactTitle: String
    public var customerContactEmail: String
    /// A language code ("en", "es"): the one the consent e-mail and page are written in.
    public var customerContactLanguage: String
    public var partnerContactName: String
    public var partnerContactEmail: String

    public init(
        name: String = "",
        partnerLocationID: String = "",
        tenantID: String = "",
        customerDomain: String = "",
        customerName: String = "",
        solutionArea: String = "",
        products: [String] = [],
        activity: String = "",
        subscriptionID: String = "",
        customerContactName: String = "",
        customerContactTitle: String = "",
        customerContactEmail: String = "",
        partnerContactName: String = "",
        partnerContactEmail: String = "",
        customerContactLanguage: String = ""
    ) {
        self.name = name
        self.partnerLocationID = partnerLocationID
        self.tenantID = tenantID
        self.customerDomain = customerDomain
        self.customerName = customerName
        self.solutionArea = solutionArea
        self.products = products
        self.activity = activity
        self.subscriptionID = subscriptionID
        self.customerContactName = customerContactName
        self.customerContactTitle = customerContactTitle
        self.customerContactEmail = customerContactEmail
        self.partnerContactName = partnerContactName
        self.partnerContactEmail = partnerContactEmail
        self.customerContactLanguage = customerContactLanguage
    }

    /// The form pre-filled with a claim's current values, for editing.
    public init(_ details: ClaimDetails) {
        self.init(
            name: details.name,
            partnerLocationID: details.partnerLocationID?.rawValue ?? "",
            tenantID: details.customer.tenantID?.rawValue ?? "",
            customerDomain: details.customer.domain?.rawValue ?? "",
            customerName: details.customer.name,
            solutionArea: details.solutionArea?.rawValue ?? "",
            products: details.products.map(\.rawValue),
            activity: details.activity?.rawValue ?? "",
            subscriptionID: details.subscriptionID?.rawValue ?? "",
            customerContactName: details.customerContact.name,
            customerContactTitle: details.customerContact.title,
            customerContactEmail: details.customerContact.email?.rawValue ?? "",
            partnerContactName: details.partnerContact.name,
            partnerContactEmail: details.partnerContact.email?.rawValue ?? "",
            customerContactLanguage: details.customerContact.language ?? ""
        )
    }

    /// One field's value as text: what history records as "old" and "new".
    public func value(of field: ClaimField) -> String {
        switch field {
        case .name: name
        case .partnerLocationID: partnerLocationID
        case .tenantID: tenantID
        case .customerDomain: customerDomain
        case .customerName: customerName
        case .solutionArea: solutionArea
        case .products: products.joined(separator: ", ")
        case .activity: activity
        case .subscriptionID: subscriptionID
        case .customerContactName: customerContactName
        case .customerContactTitle: customerContactTitle
        case .customerContactEmail: customerContactEmail
        case .customerContactLanguage: customerContactLanguage
        case .partnerContactName: partnerContactName
        case .partnerContactEmail: partnerContactEmail
        }
    }
}
