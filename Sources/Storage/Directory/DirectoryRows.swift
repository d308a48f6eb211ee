import Claims
import Foundation
import SQLite

/// The mapping between the tenant directory and its rows. Only this file knows their layout; the
/// directory store and the claim store's sweep both read through it, each on its own connection.
enum DirectoryRows {
    static let insertTenantSQL = "INSERT INTO directory_tenants (tenant_id) VALUES (?)"
    static let insertDomainSQL = "INSERT INTO directory_domains (domain, tenant_id) VALUES (?, ?)"
    static let insertSubscriptionSQL = """
        INSERT INTO directory_subscriptions (subscription_id, tenant_id, product, status) VALUES (?, ?, ?, ?)
        """

    static func isLoaded(in db: Connection) throws -> Bool {
        try db.queryOne("SELECT EXISTS (SELECT 1 FROM directory_tenants) AS loaded")?.bool("loaded") ?? false
    }

    /// The directory as far as `tenants` go; `.notLoaded` when it has no rows.
    static func directory(for tenants: some Sequence<TenantID>, in db: Connection) throws -> TenantDirectory {
        guard try isLoaded(in: db) else { return .notLoaded }
        var entries: [TenantDirectoryEntry] = []
        for tenant in Set(tenants).sorted() {
            if let entry = try entry(for: tenant, in: db) { entries.append(entry) }
        }
        return TenantDirectory(entries: entries)
    }

    static func entry(for tenant: TenantID, in db: Connection) throws -> TenantDirectoryEntry? {
        guard try db.queryOne("SELECT 1 AS listed FROM directory_tenants WHERE tenant_id = ?", [tenant.rawValue]) != nil else {
            return nil
        }
        let domains = try db.query("SELECT domain FROM directory_domains WHERE tenant_id = ? ORDER BY domain", [tenant.rawValue])
            .map { row in
                let text = try row.string("domain")
                guard let domain = DomainName(parsing: text) else { throw DirectoryStoreError.unreadable(table: "directory_domains", value: text) }
                return domain
            }
        let subscriptions = try db.query("""
            SELECT subscription_id, product, status FROM directory_subscriptions WHERE tenant_id = ? ORDER BY subscription_id
            """, [tenant.rawValue]).map { row in
            let id = try row.string("subscription_id"), product = try row.string("product"), status = try row.string("status")
            guard let subscriptionID = SubscriptionID(parsing: id), let knownProduct = Product(rawValue: product),
                  let knownStatus = SubscriptionStatus(rawValue: status) else {
                throw DirectoryStoreError.unreadable(table: "directory_subscriptions", value: id)
            }
            return DirectorySubscription(id: subscriptionID, product: knownProduct, status: knownStatus)
        }
        return TenantDirectoryEntry(tenantID: tenant, domains: domains, subscriptions: subscriptions)
    }

    /// Deletes every row of the directory, children first.
    static func deleteAll(in db: Connection) throws {
        try db.run("DELETE FROM directory_subscriptions")
        try db.run("DELETE FROM directory_domains")
        try db.run("DELETE FROM directory_tenants")
    }

    /// Inserts `entries` through the connection's cached prepared statements, each table in the
    /// order of its key: keys are GUIDs and names in no order, and appending to a B-tree touches
    /// far fewer pages than inserting all over it.
    static func insert(_ entries: [TenantDirectoryEntry], in db: Connection) throws -> DirectoryFigures.Counts {
        var counts = DirectoryFigures.Counts()
        for tenant in entries.map(\.tenantID).sorted() {
            try db.run(insertTenantSQL, [tenant.rawValue])
            counts.tenants += 1
        }
        let domains = entries.flatMap { entry in entry.domains.map { ($0.rawValue, entry.tenantID.rawValue) } }
        for (domain, tenant) in domains.sorted(by: { $0.0 < $1.0 }) {
            try db.run(insertDomainSQL, [domain, tenant])
            counts.domains += 1
        }
        let subscriptions = entries.flatMap { entry in entry.subscriptions.map { ($0, entry.tenantID.rawValue) } }
        for (subscription, tenant) in subscriptions.sorted(by: { $0.0.id < $1.0.id }) {
            try db.run(insertSubscriptionSQL, [subscription.id.rawValue, tenant, subscription.product.rawValue,
                                               subscription.status.rawValue])
            counts.subscriptions[subscription.status, default: 0] += 1
        }
        return counts
    }
}

/// The stored directory holds a value this build cannot read (a product or status it does not know).
public enum DirectoryStoreError: Error, Equatable, CustomStringConvertible {
    case unreadable(table: String, value: String)

    public var description: String {
        switch self {
        case .unreadable(let table, let value): "\(table) holds a row this build cannot read: \(value)"
        }
    }
}
