#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// The mapping between a `Claim` value and its PostgreSQL rows: the same columns and values as
/// SQLite's (`StoredClaims` computes them), in this dialect. Only this file knows the layout.
enum PostgresClaimRows {
    static func insert(_ claim: Claim, number: Int64, in connection: PostgresConnection) throws {
        try connection.insert(into: "claims", columns: claimColumns,
                              rows: [claimRow(claim, number: number, updatedAt: claim.createdAt,
                                              document: try StoredClaims.savedDocument(claim, number: number))])
        try writeChildren(claim, number: number, in: connection)
    }

    static let claimColumns = ["number", "organization_id"] + StoredClaims.IndexColumns.names + ["created_at", "updated_at", "document"]
    static let documentColumns = ["id", "claim_number", "position", "filename", "content_type", "size", "sha256", "uploaded_by",
                                  "uploaded_at"]
    static let commentColumns = ["claim_number", "position", "author", "at", "text"]
    static let historyColumns = ["claim_number", "at", "kind", "entry"]

    /// A `claims` row in `claimColumns`' order; `document` is the claim's `StoredClaims.document` text.
    static func claimRow(_ claim: Claim, number: Int64, updatedAt: Date, document: String) -> [(any PostgresBindable)?] {
        [number, StoredClaims.organizationNumber(claim.organization)] + columns(claim)
            + [claim.createdAt.millisecondsSince1970, updatedAt.millisecondsSince1970, document]
    }

    /// A `poe_documents` row; `uploadedBy` is the uploader as `StoredClaims.json` writes it.
    static func documentRow(_ document: ProofOfExecution, claimNumber: Int64, position: Int, uploadedBy: String) -> [(any PostgresBindable)?] {
        [document.id.rawValue, claimNumber, position, document.filename, document.contentType, document.size,
         document.sha256, uploadedBy, document.uploadedAt.millisecondsSince1970]
    }

    /// A `comments` row; `author` as `StoredClaims.json` writes it.
    static func commentRow(_ comment: Comment, claimNumber: Int64, position: Int, author: String) -> [(any PostgresBindable)?] {
        [claimNumber, position, author, comment.at.millisecondsSince1970, comment.text]
    }

    /// A `history` row; `entry` as `StoredClaims.json` writes it.
    static func historyRow(_ entry: HistoryEntry, claimNumber: Int64, json entryJSON: String) -> [(any PostgresBindable)?] {
        [claimNumber, entry.at.millisecondsSince1970, entry.kind.rawValue, entryJSON]
    }

    /// Writes the claim over the version this transaction read; `updated_at` never goes back.
    static func update(_ claim: Claim, number: Int64, previousVersion: Int, at: Date, in connection: PostgresConnection) throws {
        let changed = try connection.execute("""
            UPDATE claims SET version = $1, state = $2, name = $3, customer_name = $4, customer_domain = $5, tenant_id = $6,
                solution_area = $7, activity = $8, location_id = $9, subscription_id = $10, assigned_reviewer = $11,
                sent_for_evaluation_at = $12, deadline_kind = $13, deadline_at = $14, next_timer_at = $15,
                consent_token_hash = $16, subscription_notice = $17, products = $18, updated_at = greatest(updated_at, $19),
                document = $20
            WHERE number = $21 AND version = $22
            """, columns(claim) + [at.millisecondsSince1970, try StoredClaims.savedDocument(claim, number: number), number, previousVersion])
        // The transaction read this version under the row's lock; a mismatch here means a bug, not a race.
        guard changed == 1 else {
            throw ClaimStoreError.changedSinceRead(claim.id, expected: previousVersion, actual: -1)
        }
        try writeChildren(claim, number: number, in: connection)
    }

    /// The values of `StoredClaims.IndexColumns.names`, in its order.
    private static func columns(_ claim: Claim) -> [(any PostgresBindable)?] {
        let c = StoredClaims.IndexColumns(claim)
        return [c.version, c.state, c.name, c.customerName, c.customerDomain, c.tenantID, c.solutionArea, c.activity,
                c.locationID, c.subscriptionID, c.assignedReviewer, c.sentForEvaluationAt, c.deadlineKind, c.deadlineAt,
                c.nextTimerAt, c.consentTokenHash, c.subscriptionNotice, c.products]
    }

    /// Products are replaced (they can be removed); documents and comments are only ever appended.
    private static func writeChildren(_ claim: Claim, number: Int64, in connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM claim_products WHERE claim_number = $1", [number])
        let products = Set(claim.details.products).map(\.rawValue).sorted()
        if !products.isEmpty {
            try connection.execute("INSERT INTO claim_products (claim_number, product) SELECT $1, unnest($2::text[])",
                                   [number, ArrayParameter.texts(products)])
        }
        let storedDocuments = try count("poe_documents", of: number, in: connection)
        for (position, document) in claim.evidence.enumerated().dropFirst(storedDocuments) {
            try connection.insert(into: "poe_documents", columns: documentColumns, rows: [
                documentRow(document, claimNumber: number, position: position, uploadedBy: try StoredClaims.json(document.uploadedBy)),
            ])
        }
        let storedComments = try count("comments", of: number, in: connection)
        for (position, comment) in claim.comments.enumerated().dropFirst(storedComments) {
            try connection.insert(into: "comments", columns: commentColumns, rows: [
                commentRow(comment, claimNumber: number, position: position, author: try StoredClaims.json(comment.author)),
            ])
        }
    }

    /// Rows of a child table (`poe_documents` or `comments`, never a caller's text) for the claim.
    private static func count(_ table: StaticString, of number: Int64, in connection: PostgresConnection) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM \(table) WHERE claim_number = $1", [number])?.int("n") ?? 0
    }

    /// History rows (which may concern other claims, e.g. a competitor flagged) and outbox rows.
    static func record(_ transition: Transition, in connection: PostgresConnection) throws {
        let at = StoredClaims.changedAt(transition)
        for entry in transition.history {
            guard let number = StoredClaims.number(of: entry.claimID) else { continue }
            try connection.insert(into: "history", columns: historyColumns,
                                  rows: [historyRow(entry, claimNumber: number, json: try StoredClaims.json(entry))])
        }
        for email in transition.emails {
            try PostgresOutbox.enqueue(email, claimNumber: email.claimID.flatMap(StoredClaims.number(of:)), at: at, in: connection)
        }
    }

    /// The claim, with its PoE and comments. `lockingRow`: the claim's row stays locked until the
    /// transaction ends, so a writer on another node waits and then reads what this one wrote.
    static func load(number: Int64, lockingRow: Bool = false, in connection: PostgresConnection) throws -> Claim? {
        let sql = lockingRow ? "SELECT document FROM claims WHERE number = $1 FOR UPDATE"
                             : "SELECT document FROM claims WHERE number = $1"
        guard let row = try connection.queryOne(sql, [number]) else { return nil }
        let core = try StoredClaims.core(number: number, document: row.string("document"))
        let evidence = try connection.query("""
            SELECT id, filename, content_type, size, sha256, uploaded_by, uploaded_at FROM poe_documents
            WHERE claim_number = $1 ORDER BY position
            """, [number]).map { row in
            ProofOfExecution(
                ProofOfExecution.Upload(id: DocumentID(try row.string("id")), filename: try row.string("filename"),
                                        contentType: try row.string("content_type"), size: try row.int("size"),
                                        sha256: try row.string("sha256")),
                uploadedBy: try StoredClaims.actor(row.string("uploaded_by")),
                uploadedAt: Date(millisecondsSince1970: try row.int64("uploaded_at")))
        }
        let comments = try connection.query("SELECT author, at, text FROM comments WHERE claim_number = $1 ORDER BY position",
                                             [number]).map { row in
            Comment(author: try StoredClaims.actor(row.string("author")), at: Date(millisecondsSince1970: try row.int64("at")),
                    text: try row.string("text"))
        }
        return StoredClaims.assemble(core: core, evidence: evidence, comments: comments)
    }

    /// The other claims on the claim's customer tenant, by number.
    static func sameTenant(as claim: Claim, in connection: PostgresConnection) throws -> [Claim] {
        guard let tenant = claim.details.customer.tenantID, let own = StoredClaims.number(of: claim.id) else { return [] }
        return try connection.query("SELECT number FROM claims WHERE tenant_id = $1 AND number <> $2 ORDER BY number",
                                    [tenant.rawValue, own])
            .compactMap { try load(number: $0.int64("number"), in: connection) }
    }

    /// Keeps `claims.competing` true exactly for the claims the domain calls competing: recomputes
    /// the flag of `claim` (just saved) and of every claim on its tenant, in the save's transaction.
    static func refreshCompetingFlags(_ claim: Claim, others: [Claim], in connection: PostgresConnection) throws {
        let all = [claim] + others.filter { $0.id != claim.id }
        for candidate in all {
            guard let number = StoredClaims.number(of: candidate.id) else { continue }
            let competing = candidate.isCompeting(among: all.filter { $0.id != candidate.id })
            try connection.execute("UPDATE claims SET competing = $1 WHERE number = $2 AND competing <> $1", [competing, number])
        }
    }

    /// The SQL that reads an ended claim's `Claim.endCause` from its document (NULL in other states).
    static let endCauseSQL = "CASE WHEN state = 'ended' THEN (document::jsonb -> 'approval' -> 'ends' -> -1 ->> 'cause') END"
}
#endif
