/// Where a login came from, kept with its session for its owner to recognise.
public struct SessionClient: Sendable, Equatable {
    public var address: String
    public var userAgent: String

    public init(address: String, userAgent: String) {
        self.address = address
        self.userAgent = userAgent
    }
}
