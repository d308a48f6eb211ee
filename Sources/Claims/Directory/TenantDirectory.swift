/// The operator's tenant directory, as far as one request needs it: whether a directory is loaded
/// at all, and the entries of the tenants the request is about.
///
/// Without a directory nothing is checked. Once one is loaded it is the list of known tenants, so
/// a tenant it does not list has no verified domain and no subscription.
public struct TenantDirectory: Hashable, Sendable {
    public let isLoaded: Bool
    private let entries: [TenantID: TenantDirectoryEntry]

    /// No directory: every check passes.
    public static let notLoaded = TenantDirectory(isLoaded: false, entries: [:])

    private init(isLoaded: Bool, entries: [TenantID: TenantDirectoryEntry]) {
        self.isLoaded = isLoaded
        self.entries = entries
    }

    /// A loaded directory's entries for the tenants asked about; a tenant asked about and not
    /// among `entries` is one the directory does not list.
    public init(entries: [TenantDirectoryEntry]) {
        self.init(isLoaded: true, entries: Dictionary(entries.map { ($0.tenantID, $0) }) { first, _ in first })
    }

    public func entry(for tenant: TenantID) -> TenantDirectoryEntry? {
        entries[tenant]
    }
}
