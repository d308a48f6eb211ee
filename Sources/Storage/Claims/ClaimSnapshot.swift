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
struct ClaimSnapshot {
    let number: Int64
    let claim: Claim
    let others: [Claim]
    private let document: String
    /// The tenant the others were read for; nil when the claim names none, and so has no others.
    private let tenant: String?
    private let otherDocuments: [(number: Int64, document: String)]

    /// Reads claim `number` and the others on its tenant; nil when there is no such claim. Call it
    /// inside one read transaction, so that everything comes from one snapshot.
    static func read(number: Int64, in db: Connection) throws -> ClaimSnapshot? {
        guard let (claim, document) = try ClaimRows.loadStored(number: number, in: db) else { return nil }
        let tenant = claim.details.customer.tenantID?.rawValue
        let others = try tenant.map { try ClaimRows.othersOnTenant($0, besides: number, in: db) } ?? []
        return ClaimSnapshot(number: number, claim: claim, others: others.map(\.claim), document: document, tenant: tenant,
                             otherDocuments: others.map { ($0.number, $0.document) })
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
