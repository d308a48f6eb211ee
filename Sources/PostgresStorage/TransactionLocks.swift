#if Postgres
import Postgres

/// Locks that make writers on several nodes take turns where SQLite's single writer made every
/// write take turns: PostgreSQL advisory locks held until the transaction ends, in a key space of
/// their own (the two-key form, first key `namespace`; the one-key locks, such as the
/// migrations', never meet them). Advisory locks belong to the whole database, so the second key
/// hashes the schema with the name: stores in two schemas of one server (tests) never share one.
enum TransactionLocks {
    /// "cpor" in ASCII.
    static let namespace: Int64 = 0x6370_6F72

    /// Waits for the lock on a customer tenant's claims: writes that read a tenant's claims and
    /// change several of them (competing flags, an association taken over) see each other's result.
    static func lockTenant(_ tenant: String, in connection: PostgresConnection) throws {
        try connection.execute("SELECT pg_advisory_xact_lock($1::integer, hashtext(current_schema() || ':tenant:' || $2))",
                               [namespace, tenant])
    }

    /// Takes the tenant's lock if no other transaction holds it; never waits. For sweeps, which
    /// already hold row locks another writer of the tenant may be waiting for.
    static func tryLockTenant(_ tenant: String, in connection: PostgresConnection) throws -> Bool {
        try connection.queryOne("SELECT pg_try_advisory_xact_lock($1::integer, hashtext(current_schema() || ':tenant:' || $2)) AS locked",
                                [namespace, tenant])?.bool("locked") ?? false
    }

    /// Takes the sweep's lock if no other node's sweep holds it; never waits. Sweeps run on one
    /// node at a time: a node that finds another sweeping skips its turn, and since the lock ends
    /// with the sweep's transaction, a node that dies mid-sweep frees it with nothing committed.
    static func trySweep(_ kind: String, in connection: PostgresConnection) throws -> Bool {
        try connection.queryOne("SELECT pg_try_advisory_xact_lock($1::integer, hashtext(current_schema() || ':sweep:' || $2)) AS locked",
                                [namespace, kind])?.bool("locked") ?? false
    }
}
#endif
