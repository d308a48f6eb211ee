import Claims
import Foundation
import SQLite

/// Writes many claims fast, for benchmarks and load tests: renumbered copies of a few prototype
/// claims, each prototype built through the workflow, so every copy is a claim the service could
/// have made itself. It lives beside the store because it writes the store's own rows; what the
/// copies are called is the caller's choice (see `identity`).
///
/// A copy differs from its prototype in what tells claims apart in lists and searches: its number
/// and ID, a fresh random tenant, its name, customer name and domain, its document IDs and its
/// consent token. Everything else (state, dates, deadlines, products, history) is the prototype's,
/// so prototypes built at different times give copies varied dates and deadlines.
///
/// Rows have the layout `ClaimRows` writes. The copies themselves come from `ClaimCopies`, which
/// the PostgreSQL store's loader shares; here each costs inserts through cached prepared
/// statements, in large transactions.
///
/// The writer keeps `synchronous=FULL` and its usual page cache: measured on 300,000 claims,
/// `synchronous=OFF` saved about a tenth of the time and a 256 MB cache nothing, too little to
/// leave the connection in a weaker mode should restoring it fail.
public struct BulkLoader: BulkClaimLoader {
    public struct Prototype: Sendable {
        public let claim: Claim
        /// The claim's history, oldest first.
        public let history: [HistoryEntry]

        public init(claim: Claim, history: [HistoryEntry]) {
            self.claim = claim
            self.history = history.filter { $0.claimID == claim.id }
        }

        /// The claim as the last of `transitions` (its creation first, then each change in order) left it.
        public init(_ transitions: [Transition]) {
            precondition(!transitions.isEmpty, "a prototype needs at least the transition that created it")
            self.init(claim: transitions[transitions.count - 1].claim, history: transitions.flatMap(\.history))
        }
    }

    public struct Summary: Sendable, Equatable {
        public var claims = 0
        public var products = 0
        public var documents = 0
        public var comments = 0
        public var historyEntries = 0
        /// The claim numbers written, nil when none.
        public var numbers: ClosedRange<Int64>?
    }

    /// What tells one copy apart in lists and searches, besides its number, tenant and documents.
    public struct Identity: Sendable, Equatable {
        public var name: String
        public var customerName: String
        /// Unique per copy, as tenants are, so searches by domain find one claim.
        public var customerDomain: String

        public init(name: String, customerName: String, customerDomain: String) {
            self.name = name
            self.customerName = customerName
            self.customerDomain = customerDomain
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The prototype's JSON does not come back as the expected copy when its identity is
        /// replaced, e.g. because its name equals another of its values.
        case identityNotReplaceable(ClaimID)

        public var description: String {
            switch self {
            case .identityNotReplaceable(let id):
                "prototype \(id) cannot be copied: its ID, tenant, names, domain, documents and consent token must be distinct strings"
            }
        }
    }

    let database: Database

    public init(database: Database) { self.database = database }

    /// Appends `count` claims after the highest claim number in the database, `claimsPerTransaction`
    /// to a transaction (see `BulkClaimLoader` for the other arguments).
    public func load(count: Int, prototypes: [Prototype], claimsPerTransaction: Int,
                     consentToken: () -> ConsentToken, identity: (_ number: Int64) -> Identity,
                     prototypeIndex: (Int) -> Int) throws -> Summary {
        let copies = try ClaimCopies(prototypes)
        return try database.pool.writeLarge { db in
            let first = try db.queryOne("SELECT coalesce(max(number) + 1, ?) AS next FROM claims",
                                        [SQLiteClaimStore.firstNumber])?.int64("next") ?? SQLiteClaimStore.firstNumber
            return try copies.make(count: count, first: first, batch: claimsPerTransaction, consentToken: consentToken,
                                   identity: identity, prototypeIndex: prototypeIndex) { batch in
                try db.transaction {
                    for copy in batch { try copy.insert(in: db) }
                }
            }
        }
    }
}

extension ClaimCopy {
    /// The copy's rows, through the SQLite store's statements.
    func insert(in db: Connection) throws {
        try db.run(ClaimRows.insertClaimSQL,
                   ClaimRows.claimRow(claim, number: number, updatedAt: updatedAt, document: document))
        for product in products {
            try db.run(ClaimRows.insertProductSQL, [number, product.rawValue])
        }
        for (position, document) in claim.evidence.enumerated() {
            try db.run(ClaimRows.insertDocumentSQL,
                       ClaimRows.documentRow(document, id: document.id, claimNumber: number, position: position,
                                             uploadedBy: uploadedBy[position]))
        }
        for (position, comment) in claim.comments.enumerated() {
            try db.run(ClaimRows.insertCommentSQL,
                       ClaimRows.commentRow(comment, claimNumber: number, position: position,
                                            author: commentAuthors[position]))
        }
        for (entry, json) in history {
            try db.run(ClaimRows.insertHistorySQL, ClaimRows.historyRow(entry, claimNumber: number, json: json))
        }
    }
}
