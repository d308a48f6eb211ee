#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// The mapping between the tenant directory and its PostgreSQL rows, read by the directory store
/// and by the claim store's sweep, each in its own transaction.
enum PostgresDirectoryRows {
    /// Rows per INSERT: each statement sends its rows as arrays, one round trip per batch rather
    /// than one per row, and a batch stays a few megabytes at most.
    static let batchSize = 10_000

    static func directory(for tenants: some Sequence<TenantID>, in connection: PostgresConnection) throws -> TenantDirectory {
        guard try connection.queryOne("SELECT EXISTS (SELECT 1 FROM directory_tenants) AS loaded")?.bool("loaded") ?? false else {
            return .notLoaded
        }
        var entries: [TenantDirectoryEntry] = []
        for tenant in Set(tenants).sorted() {
            if let entry = try entry(for: tenant, in: connection) { entries.append(entry) }
        }
        return TenantDirectory(entries: entries)
    }

    static func entry(for tenant: TenantID, in connection: PostgresConnection) throws -> TenantDirectoryEntry? {
        guard try connection.queryOne("SELECT 1 AS listed FROM directory_tenants WHERE tenant_id = $1", [tenant.rawValue]) != nil else {
            return nil
        }
        let domains = try connection.query("SELECT domain FROM directory_domains WHERE tenant_id = $1 ORDER BY domain COLLATE \"C\"",
                                           [tenant.rawValue]).map { row in
            let text = try row.string("domain")
            guard let domain = DomainName(parsing: text) else { throw DirectoryStoreError.unreadable(table: "directory_domains", value: text) }
            return domain
        }
        let subscriptions = try connection.query("""
            SELECT subscription_id, product, status FROM directory_subscriptions WHERE tenant_id = $1
            ORDER BY subscription_id COLLATE "C"
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
    static func deleteAll(in connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM directory_subscriptions")
        try connection.execute("DELETE FROM directory_domains")
        try connection.execute("DELETE FROM directory_tenants")
    }

    static func insert(_ entries: [TenantDirectoryEntry], in connection: PostgresConnection) throws -> DirectoryFigures.Counts {
        var counts = DirectoryFigures.Counts()
        let tenants = entries.map(\.tenantID.rawValue)
        for batch in batches(tenants) {
            try connection.execute("INSERT INTO directory_tenants (tenant_id) SELECT unnest($1::text[])",
                                   [ArrayParameter.texts(batch)])
        }
        counts.tenants = tenants.count
        let domains = entries.flatMap { entry in entry.domains.map { (domain: $0.rawValue, tenant: entry.tenantID.rawValue) } }
        for batch in batches(domains) {
            try connection.execute("INSERT INTO directory_domains (domain, tenant_id) SELECT * FROM unnest($1::text[], $2::text[])",
                                   [ArrayParameter.texts(batch.map(\.domain)), ArrayParameter.texts(batch.map(\.tenant))])
        }
        counts.domains = domains.count
        let subscriptions = entries.flatMap { entry in entry.subscriptions.map { (subscription: $0, tenant: entry.tenantID.rawValue) } }
        for batch in batches(subscriptions) {
            try connection.execute("""
                INSERT INTO directory_subscriptions (subscription_id, tenant_id, product, status)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                """, [ArrayParameter.texts(batch.map(\.subscription.id.rawValue)), ArrayParameter.texts(batch.map(\.tenant)),
                      ArrayParameter.texts(batch.map(\.subscription.product.rawValue)),
                      ArrayParameter.texts(batch.map(\.subscription.status.rawValue))])
        }
        for (subscription, _) in subscriptions { counts.subscriptions[subscription.status, default: 0] += 1 }
        return counts
    }

    private static func batches<T>(_ values: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: values.count, by: batchSize).map { values[$0..<min($0 + batchSize, values.count)] }
    }
}
#endif
