import Claims

/// Writes many copies of a few prototype claims at once, for `cpor seed`: `BulkLoader` on SQLite,
/// `PostgresBulkLoader` on PostgreSQL, both over `ClaimCopies`, so the same arguments give the
/// same claims on either store.
public protocol BulkClaimLoader {
    /// Appends `count` claims after the highest claim number in the store.
    ///
    /// - Parameters:
    ///   - prototypeIndex: which prototype the `i`th copy (from 0) is made from.
    ///   - consentToken: a fresh token for each copy of an approved prototype.
    ///   - identity: the name and customer of the copy numbered `number`.
    func load(count: Int, prototypes: [BulkLoader.Prototype], consentToken: () -> ConsentToken,
              identity: (_ number: Int64) -> BulkLoader.Identity, prototypeIndex: (Int) -> Int) throws -> BulkLoader.Summary
}

extension BulkLoader {
    public func load(count: Int, prototypes: [Prototype], consentToken: () -> ConsentToken,
                     identity: (_ number: Int64) -> Identity, prototypeIndex: (Int) -> Int) throws -> Summary {
        try load(count: count, prototypes: prototypes, claimsPerTransaction: 10_000, consentToken: consentToken,
                 identity: identity, prototypeIndex: prototypeIndex)
    }
}
