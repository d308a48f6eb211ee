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
/// Rows have the layout `ClaimRows` writes. Each prototype's JSON is encoded once and cut at the
/// strings a copy replaces (see `JSONTemplate`); a copy costs string joins and inserts through
/// cached prepared statements, in large transactions.
///
/// The writer keeps `synchronous=FULL` and its usual page cache: measured on 300,000 claims,
/// `synchronous=OFF` saved about a tenth of the time and a 256 MB cache nothing, too little to
/// leave the connection in a weaker mode should restoring it fail.
public struct BulkLoader {
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

    /// Appends `count` claims after the highest claim number in the database.
    ///
    /// - Parameters:
    ///   - prototypeIndex: which prototype the `i`th copy (from 0) is made from.
    ///   - consentToken: a fresh token for each copy of an approved prototype.
    ///   - identity: the name and customer of the copy numbered `number`.
    public func load(count: Int, prototypes: [Prototype], claimsPerTransaction: Int = 10_000,
                     consentToken: () -> ConsentToken, identity: (_ number: Int64) -> Identity,
                     prototypeIndex: (Int) -> Int) throws -> Summary {
        let templates = try prototypes.map(PrototypeTemplate.init)
        return try database.pool.write { db in
            let first = try db.queryOne("SELECT coalesce(max(number) + 1, ?) AS next FROM claims",
                                        [SQLiteClaimStore.firstNumber])?.int64("next") ?? SQLiteClaimStore.firstNumber
            var summary = Summary()
            var copied = 0
            while copied < count {
                let end = min(count, copied + claimsPerTransaction)
                try db.transaction {
                    for index in copied..<end {
                        let number = first + Int64(index)
                        let copy = templates[prototypeIndex(index)].copy(number: number, identity: identity(number),
                                                                         consentToken: consentToken)
                        try copy.insert(in: db, summary: &summary)
                    }
                }
                copied = end
            }
            summary.numbers = count > 0 ? first...(first + Int64(count) - 1) : nil
            return summary
        }
    }
}

/// One prototype, encoded once and ready to be copied.
private struct PrototypeTemplate {
    let prototype: BulkLoader.Prototype
    let document: JSONTemplate
    let history: [(entry: HistoryEntry, template: JSONTemplate)]
    let uploadedBy: [String]
    let commentAuthors: [String]
    let products: [Product]
    let updatedAt: Date

    /// Slot order in every template: claim ID, tenant, name, customer name, domain, consent token, then each document ID.
    init(_ prototype: BulkLoader.Prototype) throws {
        let claim = prototype.claim
        let identity: [String?] = [
            claim.id.rawValue, claim.details.customer.tenantID?.rawValue, claim.details.name,
            claim.details.customer.name, claim.details.customer.domain?.rawValue, claim.approval?.consentTokenHash,
        ] + claim.evidence.map { $0.id.rawValue }
        let present = identity.compactMap { $0 }.filter { !$0.isEmpty }
        guard Set(present).count == present.count else { throw BulkLoader.Failure.identityNotReplaceable(claim.id) }
        self.prototype = prototype
        document = try JSONTemplate(json: try ClaimRows.document(claim), replacing: identity)
        history = try prototype.history.map { ($0, try JSONTemplate(json: try ClaimRows.json($0), replacing: identity)) }
        uploadedBy = try claim.evidence.map { try ClaimRows.json($0.uploadedBy) }
        commentAuthors = try claim.comments.map { try ClaimRows.json($0.author) }
        products = Array(Set(claim.details.products))
        updatedAt = prototype.history.map(\.at).max() ?? claim.createdAt
        try check()
    }

    /// A copy's JSON must decode to exactly the copy: anything else means an identity string also
    /// stands for something else in the prototype, and replacing it would corrupt that.
    private func check() throws {
        let copy = copy(number: 999_999_999,
                        identity: .init(name: "Check name", customerName: "Check customer", customerDomain: "check.example"),
                        consentToken: { ConsentToken("check-token") })
        let decoded = try ClaimRows.decode(Claim.self, from: copy.document)
        let entries = try copy.history.map { try ClaimRows.decode(HistoryEntry.self, from: $0.json) }
        guard try ClaimRows.document(decoded) == ClaimRows.document(copy.claim),
              entries.allSatisfy({ $0.claimID == copy.claim.id }) else {
            throw BulkLoader.Failure.identityNotReplaceable(prototype.claim.id)
        }
    }

    func copy(number: Int64, identity: BulkLoader.Identity, consentToken: () -> ConsentToken) -> ClaimCopy {
        let original = prototype.claim
        let id = SQLiteClaimStore.id(number: number)
        var details = original.details
        details.name = identity.name
        details.customer = Customer(
            tenantID: original.details.customer.tenantID == nil ? nil : TenantID(parsing: UUID().uuidString),
            domain: original.details.customer.domain == nil ? nil : DomainName(parsing: identity.customerDomain),
            name: original.details.customer.name.isEmpty ? "" : identity.customerName)
        let approval = original.approval.map { approval in
            Approval(approvedAt: approval.approvedAt, approvedBy: approval.approvedBy, consentWindow: approval.consentWindow,
                     consentToken: consentToken(), sentForIncentiveEvaluationAt: approval.sentForIncentiveEvaluationAt)
        }
        let documentIDs = original.evidence.indices.map { DocumentID("\(id.rawValue)-poe-\($0 + 1)") }
        let renamed = Dictionary(uniqueKeysWithValues: zip(original.evidence.map(\.id), documentIDs))
        let evidence = zip(original.evidence, documentIDs).map { document, newID in
            ProofOfExecution(
                .init(id: newID, filename: document.filename, contentType: document.contentType, size: document.size,
                      sha256: document.sha256),
                uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt)
        }
        let dispute = original.dispute.map { dispute in
            var copy = Dispute(disputedAt: dispute.disputedAt, disputedBy: dispute.disputedBy,
                               justification: dispute.justification,
                               evidence: dispute.evidence.map { renamed[$0] ?? $0 }, answerDueAt: dispute.answerDueAt)
            copy.decision = dispute.decision
            copy.decidedAt = dispute.decidedAt
            copy.decidedBy = dispute.decidedBy
            return copy
        }
        let claim = Claim(
            id: id, version: original.version, organization: original.organization, createdBy: original.createdBy,
            createdAt: original.createdAt, state: original.state, details: details, evidence: evidence,
            comments: original.comments, review: original.review, partnerAction: original.partnerAction,
            approval: approval, rejection: original.rejection, dispute: dispute, closedAt: original.closedAt,
            subscriptionNotice: original.subscriptionNotice)
        let literals = ([
            id.rawValue, details.customer.tenantID?.rawValue ?? "", details.name, details.customer.name,
            details.customer.domain?.rawValue ?? "", approval?.consentTokenHash ?? "",
        ] + documentIDs.map(\.rawValue)).map(JSONTemplate.literal)
        return ClaimCopy(
            template: self, claim: claim, number: number, document: document.render(literals),
            history: history.map { ($0.entry, $0.template.render(literals)) })
    }
}

/// One copy's rows, ready to insert.
private struct ClaimCopy {
    let template: PrototypeTemplate
    let claim: Claim
    let number: Int64
    let document: String
    let history: [(entry: HistoryEntry, json: String)]

    func insert(in db: Connection, summary: inout BulkLoader.Summary) throws {
        try db.run(ClaimRows.insertClaimSQL,
                   ClaimRows.claimRow(claim, number: number, updatedAt: template.updatedAt, document: document))
        for product in template.products {
            try db.run(ClaimRows.insertProductSQL, [number, product.rawValue])
        }
        for (position, document) in claim.evidence.enumerated() {
            try db.run(ClaimRows.insertDocumentSQL,
                       ClaimRows.documentRow(document, id: document.id, claimNumber: number, position: position,
                                             uploadedBy: template.uploadedBy[position]))
        }
        for (position, comment) in claim.comments.enumerated() {
            try db.run(ClaimRows.insertCommentSQL,
                       ClaimRows.commentRow(comment, claimNumber: number, position: position,
                                            author: template.commentAuthors[position]))
        }
        for (entry, json) in history {
            try db.run(ClaimRows.insertHistorySQL, ClaimRows.historyRow(entry, claimNumber: number, json: json))
        }
        summary.claims += 1
        summary.products += template.products.count
        summary.documents += claim.evidence.count
        summary.comments += claim.comments.count
        summary.historyEntries += history.count
    }
}
