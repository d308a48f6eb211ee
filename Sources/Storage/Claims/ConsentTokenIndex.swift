import Claims
import Foundation
import SQLite

/// Finds the claim a consent link belongs to. Claims keep only the SHA-256 of the link's token;
/// `claims.consent_token_hash` copies it out of the document (rewritten on every save, in the
/// same transaction as the approval) so the lookup is one index probe, not a scan.
enum ConsentTokenIndex {
    static func migrate(_ db: Connection) throws {
        try db.execute("""
            ALTER TABLE claims ADD COLUMN consent_token_hash TEXT;
            CREATE INDEX claims_consent_token ON claims(consent_token_hash) WHERE consent_token_hash IS NOT NULL;
            """)
        // Approvals written before tokens were hashed: decoding hashes the token, saving drops it.
        let approved = try db.query("SELECT number FROM claims WHERE json_extract(document, '$.approval') IS NOT NULL")
            .map { try $0.int64("number") }
        for number in approved {
            guard let claim = try ClaimRows.load(number: number, in: db) else { continue }
            try db.run("UPDATE claims SET document = ?, consent_token_hash = ? WHERE number = ?",
                       [try ClaimRows.document(claim), claim.approval?.consentTokenHash, number])
        }
        // Links in e-mails already delivered are no longer needed here.
        try db.run("""
            UPDATE outbox SET email = json_set(email, '$.parameters.consent_token', '')
            WHERE status = 'sent' AND kind = 'consent_request'
            """)
    }

    /// The claim whose current approval `token` belongs to; nil for any token that is not one,
    /// whether it never existed, was mistyped, or was replaced by a newer approval.
    static func claim(for token: ConsentToken, in db: Connection) throws -> Claim? {
        let numbers = try db.query("SELECT number FROM claims WHERE consent_token_hash = ?", [token.hash])
            .map { try $0.int64("number") }
        for number in numbers {
            if let claim = try ClaimRows.load(number: number, in: db), claim.acceptsConsentToken(token) { return claim }
        }
        return nil
    }
}
