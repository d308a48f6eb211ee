#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// `BulkLoader`'s twin on PostgreSQL, for `cpor seed`: the same copies (`ClaimCopies`), numbered
/// from the same first number, so the same arguments seed the same claims on either store. Every
/// claim goes in in one transaction, each table's rows for a batch of claims in multi-row inserts;
/// the triggers count the claims as they arrive, and the claim-number sequence continues after them.
public struct PostgresBulkLoader: BulkClaimLoader {
    let database: PostgresDatabase
    /// Claims whose rows are gathered before they are sent.
    var claimsPerBatch = 2_000

    public init(database: PostgresDatabase) { self.database = database }

    public func load(count: Int, prototypes: [BulkLoader.Prototype], consentToken: () -> ConsentToken,
                     identity: (_ number: Int64) -> BulkLoader.Identity, prototypeIndex: (Int) -> Int) throws -> BulkLoader.Summary {
        let copies = try ClaimCopies(prototypes)
        return try database.transaction { connection in
            // A node creating a claim meanwhile waits for the seed (seed a store nobody is using).
            try connection.execute("LOCK TABLE claims IN SHARE ROW EXCLUSIVE MODE")
            let first = try connection.queryOne("SELECT coalesce(max(number) + 1, $1) AS next FROM claims",
                                                [StoredClaims.firstNumber])?.int64("next") ?? StoredClaims.firstNumber
            let summary = try copies.make(count: count, first: first, batch: claimsPerBatch, consentToken: consentToken,
                                          identity: identity, prototypeIndex: prototypeIndex) { batch in
                try insert(batch, in: connection)
            }
            if let numbers = summary.numbers {
                // The sequence may already be past them (numbers taken by rolled-back writes): never move it back.
                try connection.execute("""
                    SELECT setval('claim_numbers', greatest($1, (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END
                                                                 FROM claim_numbers)), false)
                    """, [numbers.upperBound + 1])
            }
            return summary
        }
    }

    private func insert(_ batch: [ClaimCopy], in connection: PostgresConnection) throws {
        try connection.insert(into: "claims", columns: PostgresClaimRows.claimColumns, rows: batch.map {
            PostgresClaimRows.claimRow($0.claim, number: $0.number, updatedAt: $0.updatedAt, document: $0.document)
        })
        try connection.insert(into: "claim_products", columns: ["claim_number", "product"], rows: batch.flatMap { copy in
            copy.products.map { [copy.number, $0.rawValue] as [(any PostgresBindable)?] }
        })
        try connection.insert(into: "poe_documents", columns: PostgresClaimRows.documentColumns, rows: batch.flatMap { copy in
            copy.claim.evidence.enumerated().map { position, document in
                PostgresClaimRows.documentRow(document, claimNumber: copy.number, position: position, uploadedBy: copy.uploadedBy[position])
            }
        })
        try connection.insert(into: "comments", columns: PostgresClaimRows.commentColumns, rows: batch.flatMap { copy in
            copy.claim.comments.enumerated().map { position, comment in
                PostgresClaimRows.commentRow(comment, claimNumber: copy.number, position: position, author: copy.commentAuthors[position])
            }
        })
        try connection.insert(into: "history", columns: PostgresClaimRows.historyColumns, rows: batch.flatMap { copy in
            copy.history.map { PostgresClaimRows.historyRow($0.entry, claimNumber: copy.number, json: $0.json) }
        })
    }
}
#endif
