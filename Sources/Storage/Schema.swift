import SQLite

/// Numbered, append-only migrations. Never edit one that has shipped: add the next number.
/// Times are stored as INTEGER milliseconds since 1970 (UTC), so they sort and compare in SQL.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(id: 1, name: "accounts and sessions", sql: """
            CREATE TABLE organizations (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE partner_locations (
                location_id TEXT PRIMARY KEY,
                organization_id INTEGER NOT NULL REFERENCES organizations(id),
                name TEXT NOT NULL
            );
            CREATE INDEX partner_locations_organization ON partner_locations(organization_id);
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('global_admin', 'incentives_admin', 'billing_admin', 'reviewer')),
                organization_id INTEGER REFERENCES organizations(id),
                password_hash TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at INTEGER NOT NULL,
                CHECK ((role = 'reviewer') = (organization_id IS NULL))
            );
            CREATE INDEX users_organization ON users(organization_id);
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE INDEX sessions_user ON sessions(user_id);
            CREATE INDEX sessions_expiry ON sessions(expires_at);
            """),
    ]
}
