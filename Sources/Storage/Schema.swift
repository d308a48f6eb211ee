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
        Migration(id: 2, name: "claims, documents, comments, history, outbox", sql: """
            -- The claim itself is a JSON document (the domain's Codable value, without its PoE list and
            -- comments, which have their own tables); the columns beside it are copies of the fields
            -- that pages filter, sort and search on, rewritten on every save.
            CREATE TABLE claims (
                number INTEGER PRIMARY KEY,
                organization_id INTEGER NOT NULL REFERENCES organizations(id),
                version INTEGER NOT NULL,
                state TEXT NOT NULL,
                name TEXT NOT NULL,
                customer_name TEXT NOT NULL,
                customer_domain TEXT NOT NULL,
                tenant_id TEXT,
                solution_area TEXT,
                activity TEXT,
                location_id TEXT,
                subscription_id TEXT,
                assigned_reviewer TEXT,
                sent_for_evaluation_at INTEGER,
                deadline_kind TEXT,
                deadline_at INTEGER,
                next_timer_at INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX claims_organization_updated ON claims(organization_id, updated_at, number);
            CREATE INDEX claims_organization_state ON claims(organization_id, state, updated_at, number);
            CREATE INDEX claims_tenant ON claims(tenant_id) WHERE tenant_id IS NOT NULL;
            -- The timer sweep reads only this index's due end, never the whole table.
            CREATE INDEX claims_timer_due ON claims(next_timer_at) WHERE next_timer_at IS NOT NULL;
            CREATE INDEX claims_review_queue ON claims(deadline_at, number)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed');
            CREATE TABLE claim_products (
                claim_number INTEGER NOT NULL REFERENCES claims(number) ON DELETE CASCADE,
                product TEXT NOT NULL,
                PRIMARY KEY (claim_number, product)
            ) WITHOUT ROWID;
            CREATE INDEX claim_products_product ON claim_products(product, claim_number);
            CREATE TABLE poe_documents (
                id TEXT PRIMARY KEY,
                claim_number INTEGER NOT NULL REFERENCES claims(number) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                filename TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at INTEGER NOT NULL,
                UNIQUE (claim_number, position)
            );
            CREATE TABLE comments (
                id INTEGER PRIMARY KEY,
                claim_number INTEGER NOT NULL REFERENCES claims(number) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                author TEXT NOT NULL,
                at INTEGER NOT NULL,
                text TEXT NOT NULL,
                UNIQUE (claim_number, position)
            );
            CREATE TABLE history (
                id INTEGER PRIMARY KEY,
                claim_number INTEGER NOT NULL REFERENCES claims(number) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                entry TEXT NOT NULL
            );
            CREATE INDEX history_claim ON history(claim_number, id);
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                claim_number INTEGER REFERENCES claims(number) ON DELETE SET NULL,
                kind TEXT NOT NULL,
                recipient TEXT NOT NULL,
                email TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_error TEXT,
                sent_at INTEGER
            );
            CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE status = 'pending';
            CREATE INDEX outbox_claim ON outbox(claim_number);
            """),
        Migration(id: 3, name: "dashboard sort orders", sql: """
            -- The partner dashboard pages through one organization's claims with keyset pagination on
            -- (sort key, number), in either direction; each sortable column gets the index that
            -- serves that order, so a page costs the same at row 50 as at row 100,000. Nullable
            -- columns are indexed through the same coalesce() the query sorts on.
            CREATE INDEX claims_organization_number ON claims(organization_id, number);
            CREATE INDEX claims_organization_name ON claims(organization_id, name COLLATE NOCASE, number);
            CREATE INDEX claims_organization_customer ON claims(organization_id, customer_name COLLATE NOCASE, number);
            CREATE INDEX claims_organization_tenant ON claims(organization_id, coalesce(tenant_id, ''), number);
            CREATE INDEX claims_organization_area ON claims(organization_id, coalesce(solution_area, ''), number);
            CREATE INDEX claims_organization_activity ON claims(organization_id, coalesce(activity, ''), number);
            CREATE INDEX claims_organization_state_number ON claims(organization_id, state, number);
            CREATE INDEX claims_organization_deadline
                ON claims(organization_id, coalesce(deadline_at, 9223372036854775807), number);
            """),
        Migration(id: 4, name: "review queue: competing flag and queue indexes", sql: """
            -- 1 while another organization's claim holds one of this claim's workloads on the same
            -- tenant; rewritten for a claim and its same-tenant claims in every save's transaction.
            ALTER TABLE claims ADD COLUMN competing INTEGER NOT NULL DEFAULT 0 CHECK (competing IN (0, 1));
            -- Each view of the review queue reads one of these in deadline order and stops after a page.
            -- Their WHERE must stay word for word the one in ReviewQueueSQL, or SQLite will not use them.
            CREATE INDEX claims_review_assignee ON claims(assigned_reviewer, deadline_at, number)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed');
            CREATE INDEX claims_review_state ON claims(state, deadline_at, number)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed');
            CREATE INDEX claims_review_organization ON claims(organization_id, deadline_at, number)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed');
            CREATE INDEX claims_review_competing ON claims(deadline_at, number)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed') AND competing = 1;
            CREATE INDEX claims_review_customer_name ON claims(customer_name COLLATE NOCASE)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed');
            CREATE INDEX claims_review_customer_domain ON claims(customer_domain COLLATE NOCASE)
                WHERE state IN ('submitted', 'in_review', 'partner_action_required', 'disputed');
            CREATE INDEX organizations_name_nocase ON organizations(name COLLATE NOCASE);
            """),
        Migration(id: 5, name: "consent links found by the hash of their token", apply: ConsentTokenIndex.migrate),
        Migration(id: 6, name: "claim counts per organization and state, kept by triggers", sql: """
            -- The dashboard shows an organization's counts per state on every page view; counting
            -- 100,000 index entries each time cost more than the page itself. Triggers keep these
            -- rows exact in the same transaction as every write, whichever process makes it.
            CREATE TABLE claim_state_counts (
                organization_id INTEGER NOT NULL,
                state TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (organization_id, state)
            ) WITHOUT ROWID;
            INSERT INTO claim_state_counts (organization_id, state, count)
                SELECT organization_id, state, count(*) FROM claims GROUP BY organization_id, state;
            CREATE TRIGGER claims_counted_on_insert AFTER INSERT ON claims BEGIN
                INSERT INTO claim_state_counts (organization_id, state, count) VALUES (NEW.organization_id, NEW.state, 1)
                    ON CONFLICT (organization_id, state) DO UPDATE SET count = count + 1;
            END;
            CREATE TRIGGER claims_counted_on_update AFTER UPDATE OF state, organization_id ON claims
                WHEN OLD.state IS NOT NEW.state OR OLD.organization_id IS NOT NEW.organization_id BEGIN
                UPDATE claim_state_counts SET count = count - 1
                    WHERE organization_id = OLD.organization_id AND state = OLD.state;
                INSERT INTO claim_state_counts (organization_id, state, count) VALUES (NEW.organization_id, NEW.state, 1)
                    ON CONFLICT (organization_id, state) DO UPDATE SET count = count + 1;
            END;
            CREATE TRIGGER claims_counted_on_delete AFTER DELETE ON claims BEGIN
                UPDATE claim_state_counts SET count = count - 1
                    WHERE organization_id = OLD.organization_id AND state = OLD.state;
            END;
            """),
        Migration(id: 7, name: "claim search through a trigram index", sql: """
            -- The dashboard and the review queue find claims by any part of their name, customer name,
            -- domain or tenant ID (see ClaimSearch). Trigrams answer that from an index; LIKE '%…%' read
            -- every claim. The index holds no copy of the text (content = 'claims'); triggers keep it
            -- in step with every write, only when one of its columns really changed.
            CREATE VIRTUAL TABLE claims_search USING fts5(
                name, customer_name, customer_domain, tenant_id,
                content = 'claims', content_rowid = 'number', tokenize = 'trigram');
            INSERT INTO claims_search (claims_search) VALUES ('rebuild');
            CREATE TRIGGER claims_search_on_insert AFTER INSERT ON claims BEGIN
                INSERT INTO claims_search (rowid, name, customer_name, customer_domain, tenant_id)
                    VALUES (NEW.number, NEW.name, NEW.customer_name, NEW.customer_domain, NEW.tenant_id);
            END;
            CREATE TRIGGER claims_search_on_update AFTER UPDATE OF name, customer_name, customer_domain, tenant_id ON claims
                WHEN OLD.name IS NOT NEW.name OR OLD.customer_name IS NOT NEW.customer_name
                    OR OLD.customer_domain IS NOT NEW.customer_domain OR OLD.tenant_id IS NOT NEW.tenant_id BEGIN
                INSERT INTO claims_search (claims_search, rowid, name, customer_name, customer_domain, tenant_id)
                    VALUES ('delete', OLD.number, OLD.name, OLD.customer_name, OLD.customer_domain, OLD.tenant_id);
                INSERT INTO claims_search (rowid, name, customer_name, customer_domain, tenant_id)
                    VALUES (NEW.number, NEW.name, NEW.customer_name, NEW.customer_domain, NEW.tenant_id);
            END;
            CREATE TRIGGER claims_search_on_delete AFTER DELETE ON claims BEGIN
                INSERT INTO claims_search (claims_search, rowid, name, customer_name, customer_domain, tenant_id)
                    VALUES ('delete', OLD.number, OLD.name, OLD.customer_name, OLD.customer_domain, OLD.tenant_id);
            END;
            """),
        Migration(id: 8, name: "failed logins, for throttling", sql: """
            -- One row per failed login and per key it counts against: the account (the SHA-256 of its
            -- e-mail, so unknown addresses are not stored in clear) and the client address.
            CREATE TABLE login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE INDEX login_failures_key ON login_failures(key, at);
            """),
        Migration(id: 9, name: "each user's language", sql: """
            -- NULL until the user picks one; pages then follow the browser or the deployment's default.
            ALTER TABLE users ADD COLUMN locale TEXT;
            """),
        Migration(id: 10, name: "tenant directory, and approved associations whose subscription it lists as disabled", sql: """
            -- The operator's tenant directory (`cpor directory import`), replaced wholesale by each import.
            -- A verified domain and a subscription belong to one tenant, so each is a key of its own.
            -- No rows: no directory, and nothing is checked against it.
            CREATE TABLE directory_tenants (
                tenant_id TEXT PRIMARY KEY
            ) WITHOUT ROWID;
            CREATE TABLE directory_domains (
                domain TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES directory_tenants(tenant_id)
            ) WITHOUT ROWID;
            CREATE INDEX directory_domains_tenant ON directory_domains(tenant_id);
            CREATE TABLE directory_subscriptions (
                subscription_id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES directory_tenants(tenant_id),
                product TEXT NOT NULL,
                status TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX directory_subscriptions_tenant ON directory_subscriptions(tenant_id);
            -- The sweep starts from the subscriptions in a status that does not accept claims.
            CREATE INDEX directory_subscriptions_status ON directory_subscriptions(status);
            -- One row per import or clearing, newest last: what `cpor directory show` reports.
            CREATE TABLE directory_imports (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                source TEXT NOT NULL,
                tenants INTEGER NOT NULL,
                domains INTEGER NOT NULL,
                subscriptions INTEGER NOT NULL
            );
            -- 1 while the claim carries the directory's notice that its subscription is disabled (a copy of
            -- the document's subscriptionNotice, rewritten on every save), so the sweep reads only the
            -- claims whose notice disagrees with the directory.
            ALTER TABLE claims ADD COLUMN subscription_notice INTEGER NOT NULL DEFAULT 0 CHECK (subscription_notice IN (0, 1));
            CREATE INDEX claims_subscription ON claims(subscription_id) WHERE subscription_id IS NOT NULL;
            CREATE INDEX claims_subscription_notice ON claims(number) WHERE subscription_notice = 1;
            """),
        Migration(id: 11, name: "sessions with idle deadlines, set-password links, the CSRF key, the audit trail", sql: """
            -- Sessions get an id (so their owner can list and end them), the time of their last
            -- request (the idle deadline counts from it) and the client they came from. Sessions from
            -- before count as idle since they began.
            CREATE TABLE sessions_v11 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token_hash TEXT NOT NULL UNIQUE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_active_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                client_address TEXT NOT NULL DEFAULT '',
                user_agent TEXT NOT NULL DEFAULT ''
            );
            INSERT INTO sessions_v11 (token_hash, user_id, csrf_token, created_at, last_active_at, expires_at)
                SELECT token_hash, user_id, csrf_token, created_at, created_at, expires_at FROM sessions;
            DROP TABLE sessions;
            ALTER TABLE sessions_v11 RENAME TO sessions;
            CREATE INDEX sessions_user ON sessions(user_id);
            CREATE INDEX sessions_expiry ON sessions(expires_at);
            CREATE INDEX sessions_activity ON sessions(last_active_at);

            -- A single-use link that sets a user's password, kept as the SHA-256 of its token.
            CREATE TABLE password_links (
                token_hash TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_by INTEGER REFERENCES users(id),
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE INDEX password_links_user ON password_links(user_id);

            -- The key that signs the CSRF cookie of visitors not signed in: made once, by the first
            -- start that finds none, and the same for every node sharing the database.
            CREATE TABLE server_secret (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                csrf_key BLOB NOT NULL CHECK (length(csrf_key) >= 32),
                created_at INTEGER NOT NULL
            );

            -- Security events: who (actor_id), about whom (subject_id), from where, and how it ended.
            -- An organization's global admin reads its rows; rows of no organization (reviewers,
            -- unknown visitors) are for operators.
            CREATE TABLE audit_events (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
                actor_id INTEGER,
                subject_id INTEGER,
                organization_id INTEGER,
                client_address TEXT NOT NULL DEFAULT '',
                detail TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX audit_events_organization ON audit_events(organization_id, id) WHERE organization_id IS NOT NULL;
            """),
        Migration(id: 12, name: "each claim's products listed on its row, for lists", sql: """
            -- Lists read a claim's products from its own row rather than gathering them from
            -- claim_products for every row shown. Writes keep both (claim_products stays the
            -- relation that filters use); the list is in catalog order, comma-separated.
            ALTER TABLE claims ADD COLUMN products TEXT NOT NULL DEFAULT '';
            UPDATE claims SET products = coalesce(
                (SELECT group_concat(product) FROM claim_products p WHERE p.claim_number = claims.number), '');
            """),
        Migration(id: 13, name: "the claims that wait on the partner, newest first", sql: """
            -- "Needs your action", the view the partner's dashboard opens on, in its default order:
            -- without it the newest-first walk of claims_organization_updated passes every decided
            -- claim to find the few that wait on the partner. The condition is the dashboard's own.
            CREATE INDEX claims_organization_action ON claims(organization_id, updated_at, number)
                WHERE state IN ('draft', 'partner_action_required', 'rejected');
            """),
    ]
}
