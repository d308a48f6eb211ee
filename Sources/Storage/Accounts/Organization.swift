/// A partner organization and the partner location IDs ("MPN IDs") it files claims under.
public struct Organization: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let locations: [PartnerLocation]

    public init(id: Int64, name: String, locations: [PartnerLocation]) {
        self.id = id
        self.name = name
        self.locations = locations
    }
}

public struct PartnerLocation: Sendable, Equatable {
    public let locationID: String
    public let name: String

    public init(locationID: String, name: String) {
        self.locationID = locationID
        self.name = name
    }
}
