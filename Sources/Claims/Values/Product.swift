/// A product or workload from the fixed catalog. Raw values are stored, so never rename one.
public enum Product: String, CaseIterable, CaseHashed, Codable, Sendable, Comparable, MessageKeyed {
    // Business Applications
    case dynamics365Sales = "dynamics_365_sales"
    case dynamics365CustomerService = "dynamics_365_customer_service"
    case dynamics365FieldService = "dynamics_365_field_service"
    case dynamics365Finance = "dynamics_365_finance"
    case dynamics365SupplyChainManagement = "dynamics_365_supply_chain_management"
    case dynamics365BusinessCentral = "dynamics_365_business_central"
    case powerApps = "power_apps"
    case powerAutomate = "power_automate"
    case powerBI = "power_bi"
    // Microsoft 365
    case exchangeOnline = "exchange_online"
    case teams = "teams"
    case sharePointOnline = "sharepoint_online"
    case oneDriveForBusiness = "onedrive_for_business"
    case microsoft365Apps = "microsoft_365_apps"
    case intune = "intune"
    case defenderForOffice365 = "defender_for_office_365"

    public var solutionArea: SolutionArea {
        switch self {
        case .dynamics365Sales, .dynamics365CustomerService, .dynamics365FieldService, .dynamics365Finance,
             .dynamics365SupplyChainManagement, .dynamics365BusinessCentral, .powerApps, .powerAutomate, .powerBI:
            .businessApplications
        case .exchangeOnline, .teams, .sharePointOnline, .oneDriveForBusiness, .microsoft365Apps, .intune,
             .defenderForOffice365:
            .microsoft365
        }
    }

    public var messageKey: String { "product.\(rawValue)" }

    /// Catalog order, so lists of products always read the same way.
    public static func < (lhs: Product, rhs: Product) -> Bool {
        catalogOrder[lhs]! < catalogOrder[rhs]!
    }

    /// Each product's place in the catalog, worked out once rather than per comparison.
    private static let catalogOrder = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
