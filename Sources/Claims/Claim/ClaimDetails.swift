/// Everything the partner fills in on the claim form, already validated for format.
/// A draft may leave parts empty; `ClaimForm` decides what submission requires.
public struct ClaimDetails: Hashable, Codable, Sendable {
    public var name: String
    public var partnerLocationID: PartnerLocationID?
    public var customer: Customer
    public var solutionArea: SolutionArea?
    /// In catalog order, without duplicates.
    public var products: [Product]
    public var activity: Activity?
    public var subscriptionID: SubscriptionID?
    public var customerContact: CustomerContact
    public var partnerContact: PartnerContact

    public init(
        name: String,
        partnerLocationID: PartnerLocationID? = nil,
        customer: Customer = Customer(),
        solutionArea: SolutionArea? = nil,
        products: [Product] = [],
        activity: Activity? = nil,
        subscriptionID: SubscriptionID? = nil,
        customerContact: CustomerContact = CustomerContact(),
        partnerContact: PartnerContact = PartnerContact()
    ) {
        self.name = name
        self.partnerLocationID = partnerLocationID
        self.customer = customer
        self.solutionArea = solutionArea
        self.products = products
        self.activity = activity
        self.subscriptionID = subscriptionID
        self.customerContact = customerContact
        self.partnerContact = partnerContact
    }
}
