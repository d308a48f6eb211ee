import Claims
import SQLite

/// A claim and the other claims on its customer tenant as one read transaction saw them, with the
/// documents they were decoded from. An update decides on a snapshot before it takes the writer,
/// which every other write waits for; the writer then asks `isCurrent` and saves what was decided
/// only when nothing the decision read has changed since.
///
/// The documents are the whole check. A claim's document holds its version, which every change
/// the domain records moves on (`ClaimChange.finished`), comments and uploads included, and any
/// other change to the claim's own fields rewrites the document too. A claim that joined or left
/// the tenant changes the list of others.
///
/// The claims are read without their comments (see `ClaimRows.loadStored`): a change only ever
/// appends to a thread, so `storedComments` says where its new comments go, and an action on a
/// claim with thousands of comments costs what it costs on a new one.
struct ClaimSnapshot {
    let number: Int64
    let claim: Claim
    let others: [Claim]
    /// How many comments each claim read (this one and the others, by number) has in its rows.
    let storedComments: [Int64: Int]
    private let document: String
    /// The tenant the others were read for; nil when the claim names none, and so has no others.
    private let tenant: String?
    private let otherDocuments: [(number: Int64, document: String)]

    /// Reads claim `number` and the others on its tenant; nil when there is no such claim. Call it
    /// inside one read transaction, so that everything comes from one snapshot.
    static func read(number: Int64, in db: Connection) throws -> ClaimSnapshot? {
        guard let (claim, document) = try ClaimRows.loadStored(number: number, comments: false, in: db) else { return nil }
        let tenant = claim.details.customer.tenantID?.rawValue
        let others = try tenant.map { try ClaimRows.othersOnTenant($0, besides: number, comments: false, in: db) } ?? []
        var storedComments = [number: try ClaimRows.storedComments(number: number, in: db)]
        for other in others {
            storedComments[other.number] = try ClaimRows.storedComments(number: other.number, in: db)
        }
        return ClaimSnapshot(number: number, claim: claim, others: others.map(\.claim), storedComments: storedComments,
                             document: document, tenant: tenant, otherDocuments: others.map { ($0.number, $0.document) })
    }

    /// Whether the claim and the others on its tenant are still as read: two index probes.
    func isCurrent(in db: Connection) throws -> Bool {
        guard try db.queryOne("SELECT document FROM claims WHERE number = ?", [number])?.string("document") == document else {
            return false
        }
        guard let tenant else { return true }
        let rows = try db.query(ClaimRows.othersOnTenantSQL, [tenant, number])
        guard rows.count == otherDocuments.count else { return false }
        for (row, read) in zip(rows, otherDocuments) {
            guard try row.int64("number") == read.number, try row.string("document") == read.document else { return false }
        }
        return true
    }
}
