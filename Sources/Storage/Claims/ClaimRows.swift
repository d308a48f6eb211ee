import Claims
import Foundation
import SQLite

/// The mapping between a `Claim` value and its rows. Only this file knows the column layout.
enum ClaimRows {
    static func json<T: Encodable>(_ value: T) throws -> String { try StoredClaims.json(value) }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T { try StoredClaims.decode(type, from: text) }

    static func changedAt(_ transition: Transition) -> Date { StoredClaims.changedAt(transition) }

    /// A claim's row: its number and organization, `StoredClaims.IndexColumns.names`, its times and document.
    static let claimColumns = ["number", "organization_id"] + StoredClaims.IndexColumns.names + ["created_at", "updated_at", "document"]
    static let insertClaimSQL = "INSERT INTO claims (\(claimColumns.joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: claimColumns.count).joined(separator: ", ") + ")"
    static let insertProductSQL = "INSERT INTO claim_products (claim_number, product) VALUES (?, ?)"
    static let insertDocumentSQL = """
        INSERT INTO poe_documents (id, claim_number, position, filename, content_type, size, sha256, uploaded_by, uploaded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertCommentSQL = "INSERT INTO comments (claim_number, position, author, at, text) VALUES (?, ?, ?, ?, ?)"
    static let insertHistorySQL = "INSERT INTO history (claim_number, at, kind, entry) VALUES (?, ?, ?, ?)"

    static func insert(_ claim: Claim, number: Int64, in db: Connection) throws {
        try db.run(insertClaimSQL, claimRow(claim, number: number, updatedAt: claim.createdAt,
                                            document: try StoredClaims.savedDocument(claim, number: number)))
        try writeChildren(claim, number: number, in: db)
    }

    /// `insertClaimSQL`'s parameters; `document` is the claim's `document(_:)` text.
    static func claimRow(_ claim: Claim, number: Int64, updatedAt: Date, document: String) -> [any SQLiteBindable] {
        [number, organizationNumber(claim.organization)] + columns(claim)
            + [claim.createdAt.millisecondsSince1970, updatedAt.millisecondsSince1970, document]
    }

    /// `insertDocumentSQL`'s parameters; `uploadedBy` is the uploader as `json(_:)` writes it.
    static func documentRow(_ document: ProofOfExecution, id: DocumentID, claimNumber: Int64, position: Int,
                            uploadedBy: String) -> [any SQLiteBindable] {
        [id.rawValue, claimNumber, position, document.filename, document.contentType, document.size,
         document.sha256, uploadedBy, document.uploadedAt.millisecondsSince1970]
    }

    /// `insertCommentSQL`'s parameters; `author` is the author as `json(_:)` writes it.
    static func commentRow(_ comment: Comment, claimNumber: Int64, position: Int, author: String) -> [any SQLiteBindable] {
        [claimNumber, position, author, comment.at.millisecondsSince1970, comment.text]
    }

    /// `insertHistorySQL`'s parameters; `entry` is the history entry as `json(_:)` writes it.
    static func historyRow(_ entry: HistoryEntry, claimNumber: Int64, json entryJSON: String) -> [any SQLiteBindable] {
        [claimNumber, entry.at.millisecondsSince1970, entry.kind.rawValue, entryJSON]
    }

    /// Writes `claim` over `previous`, the version this transaction read; see `update(_:over:number:at:into:)`.
    static func update(_ claim: Claim, over previous: Claim, number: Int64, at: Date, in db: Connection) throws {
        var writes = RowWrites()
        try update(claim, over: previous, number: number, at: at, into: &writes)
        try writes.run(in: db)
    }

    /// Adds the statements that write `claim` over `previous`, the version the caller read. The
    /// UPDATE sets only the columns whose values changed, besides the version, the document and
    /// `updated_at` (which never goes back): SQLite maintains every index on a column an UPDATE
    /// sets, even to the value it had, and the claims table has twenty-three, most of which a
    /// comment or an upload leaves as they were.
    ///
    /// That holds for `next_timer_at` too. A sweep may have moved it past the claim's own due time
    /// (when nothing fired at that time, to the next millisecond after the sweep; see
    /// `sweepTimers`); a change that leaves the claim's due time as it was leaves that marker,
    /// which is NULL exactly when the claim has no timer, and due no earlier than the claim is.
    ///
    /// `storedComments`: how many comments the claim has in its rows, when `previous` was read
    /// without them (`loadStored(number:comments: false, in:)`); the comments `claim` has beyond
    /// those of `previous` are the new ones, and go after the stored ones.
    static func update(_ claim: Claim, over previous: Claim, number: Int64, at: Date, storedComments: Int? = nil,
                       into writes: inout RowWrites) throws {
        let new = columns(claim), old = columns(previous)
        var assignments: [String] = []
        var values: [any SQLiteBindable] = []
        for (index, name) in StoredClaims.IndexColumns.names.enumerated()
        where name == "version" || new[index].sqliteValue != old[index].sqliteValue {
            assignments.append(name + " = ?")
            values.append(new[index])
        }
        writes.addClaimUpdate("""
            UPDATE claims SET \(assignments.joined(separator: ", ")), updated_at = max(updated_at, ?), document = ?
            WHERE number = ? AND version = ?
            """, values + [at.millisecondsSince1970, try StoredClaims.savedDocument(claim, number: number), number, previous.version],
            claim: claim.id, version: previous.version)
        try addChildren(of: claim, number: number, storedProducts: Set(previous.details.products),
                        storedDocuments: previous.evidence.count, newComments: claim.comments.dropFirst(previous.comments.count),
                        firstCommentPosition: storedComments ?? previous.comments.count, into: &writes)
    }

    /// The values of `StoredClaims.IndexColumns.names`, in its order.
    private static func columns(_ claim: Claim) -> [any SQLiteBindable] {
        let c = StoredClaims.IndexColumns(claim)
        return [c.version, c.state, c.name, c.customerName, c.customerDomain, c.tenantID, c.solutionArea, c.activity,
                c.locationID, c.subscriptionID, c.assignedReviewer, c.sentForEvaluationAt, c.deadlineKind, c.deadlineAt,
                c.nextTimerAt, c.consentTokenHash, c.subscriptionNotice, c.products]
    }

    /// The claim's `document` column.
    static func document(_ claim: Claim) throws -> String { try StoredClaims.document(claim) }

    /// A new claim's products, and the documents and comments not yet stored under its number.
    private static func writeChildren(_ claim: Claim, number: Int64, in db: Connection) throws {
        let storedDocuments = try db.queryOne("SELECT count(*) AS n FROM poe_documents WHERE claim_number = ?", [number])?.int("n") ?? 0
        let storedComments = try db.queryOne("SELECT count(*) AS n FROM comments WHERE claim_number = ?", [number])?.int("n") ?? 0
        var writes = RowWrites()
        try addChildren(of: claim, number: number, storedProducts: nil, storedDocuments: storedDocuments,
                        newComments: claim.comments.dropFirst(storedComments), firstCommentPosition: storedComments, into: &writes)
        try writes.run(in: db)
    }

    /// Products are replaced (they can be removed) unless they are `storedProducts`; documents and
    /// comments are only ever appended: the documents after the first `storedDocuments`, and
    /// `newComments` from position `firstCommentPosition` on.
    private static func addChildren(of claim: Claim, number: Int64, storedProducts: Set<Product>?, storedDocuments: Int,
                                    newComments: ArraySlice<Comment>, firstCommentPosition: Int,
                                    into writes: inout RowWrites) throws {
        if Set(claim.details.products) != storedProducts {
            writes.add("DELETE FROM claim_products WHERE claim_number = ?", [number])
            for product in Set(claim.details.products) {
                writes.add(insertProductSQL, [number, product.rawValue])
            }
        }
        for (position, document) in claim.evidence.enumerated().dropFirst(storedDocuments) {
            writes.add(insertDocumentSQL, documentRow(document, id: document.id, claimNumber: number, position: position,
                                                      uploadedBy: try json(document.uploadedBy)))
        }
        for (offset, comment) in newComments.enumerated() {
            writes.add(insertCommentSQL, commentRow(comment, claimNumber: number, position: firstCommentPosition + offset,
                                                    author: try json(comment.author)))
        }
    }

    static func load(number: Int64, in db: Connection) throws -> Claim? {
        try loadStored(number: number, in: db)?.claim
    }

    /// The claim, with its `document` text as stored. Without `comments` its thread is left out
    /// (`Claim.comments` is empty): a change only ever appends to it, and reading a thread of
    /// thousands would make every action on the claim cost in proportion to it.
    static func loadStored(number: Int64, comments: Bool = true, in db: Connection) throws -> (claim: Claim, document: String)? {
        guard let row = try db.queryOne("SELECT document FROM claims WHERE number = ?", [number]) else { return nil }
        let document = try row.string("document")
        return (try claim(number: number, document: document, comments: comments, in: db), document)
    }

    /// How many comments claim `number` has in its rows: the position after its last, which a
    /// new comment takes (positions start at 0 and go up by one, and are unique per claim). One
    /// probe of the (claim_number, position) index, however long the thread.
    static func storedComments(number: Int64, in db: Connection) throws -> Int {
        try db.queryOne("SELECT coalesce(max(position) + 1, 0) AS n FROM comments WHERE claim_number = ?", [number])?.int("n") ?? 0
    }

    /// Claim `number` from its `document`, already read, and its PoE and comment rows. The rows
    /// are read in place (`forEachRow`), not copied into `Row`s first: every action loads its
    /// claim, twice (to check who may see it, then to decide), and a claim's thread can run to
    /// thousands of comments, so their cost per row is what an action on such a claim costs.
    private static func claim(number: Int64, document: String, comments withComments: Bool = true, in db: Connection) throws -> Claim {
        let core = try StoredClaims.core(number: number, document: document)
        var evidence: [ProofOfExecution] = []
        try db.forEachRow("""
            SELECT id, filename, content_type, size, sha256, uploaded_by, uploaded_at FROM poe_documents
            WHERE claim_number = ? ORDER BY position
            """, [number]) { row in
            evidence.append(ProofOfExecution(
                ProofOfExecution.Upload(id: DocumentID(try row.string(at: 0)), filename: try row.string(at: 1),
                                        contentType: try row.string(at: 2), size: Int(try row.int64(at: 3)),
                                        sha256: try row.string(at: 4)),
                uploadedBy: try StoredClaims.actor(row.string(at: 5)),
                uploadedAt: Date(millisecondsSince1970: try row.int64(at: 6))))
        }
        var comments: [Comment] = []
        if withComments {
            try db.forEachRow("SELECT author, at, text FROM comments WHERE claim_number = ? ORDER BY position", [number]) { row in
                comments.append(Comment(author: try StoredClaims.actor(row.string(at: 0)),
                                        at: Date(millisecondsSince1970: try row.int64(at: 1)), text: try row.string(at: 2)))
            }
        }
        return StoredClaims.assemble(core: core, evidence: evidence, comments: comments)
    }

    /// The numbers and documents of the claims on a tenant (?1), besides claim ?2, in order of number.
    static let othersOnTenantSQL = "SELECT number, document FROM claims WHERE tenant_id = ? AND number != ? ORDER BY number"

    static func sameTenant(as claim: Claim, in db: Connection) throws -> [Claim] {
        guard let tenant = claim.details.customer.tenantID, let own = SQLiteClaimStore.number(of: claim.id) else { return [] }
        return try othersOnTenant(tenant.rawValue, besides: own, in: db).map(\.claim)
    }

    /// The claims on `tenant` other than claim `number`, in order of number, each with its
    /// `document` text as stored.
    static func othersOnTenant(_ tenant: String, besides number: Int64, comments: Bool = true,
                               in db: Connection) throws -> [(number: Int64, claim: Claim, document: String)] {
        try db.query(othersOnTenantSQL, [tenant, number]).map { row in
            let other = try row.int64("number"), document = try row.string("document")
            return (other, try claim(number: other, document: document, comments: comments, in: db), document)
        }
    }

    /// The SQL that reads an ended claim's `Claim.endCause` from its document (NULL for other
    /// states), given the names of the state and document columns.
    static func endCauseSQL(_ state: String, _ document: String) -> String {
        "CASE WHEN \(state) = 'ended' THEN json_extract(\(document), '$.approval.ends[#-1].cause') END"
    }

    static func organizationNumber(_ id: OrganizationID) -> Int64 { StoredClaims.organizationNumber(id) }
}
