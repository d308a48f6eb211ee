#if Postgres
import Storage

extension Stores {
    /// Every store on one PostgreSQL database, which several nodes may share.
    public static func postgres(_ database: PostgresDatabase, sessionTimeouts: SessionTimeouts = SessionTimeouts()) -> Stores {
        Stores(claims: PostgresClaimStore(database: database), accounts: PostgresAccountStore(database: database),
               sessions: PostgresSessionStore(database: database, timeouts: sessionTimeouts),
               loginFailures: PostgresLoginFailures(database: database), passwordLinks: PostgresPasswordLinkStore(database: database),
               serverSecret: PostgresServerSecretStore(database: database), auditEvents: PostgresAuditEventStore(database: database),
               tenantDirectory: PostgresTenantDirectoryStore(database: database), outbox: PostgresOutbox(database: database),
               figures: PostgresStoreFigures(database: database))
    }
}
#endif
