import Claims
import Foundation

/// The copies `BulkLoader` and the PostgreSQL store's loader write: renumbered copies of a few
/// prototype claims (see `BulkLoader` for what a copy keeps and what it changes), made in order and
/// handed over a batch at a time, so each store only decides how the rows go in.
///
/// Each prototype's JSON is encoded once and cut at the strings a copy replaces (see
/// `JSONTemplate`), so a copy costs string joins, not encoding.
public struct ClaimCopies {
    private let templates: [PrototypeTemplate]

    public init(_ prototypes: [BulkLoader.Prototype]) throws {
        templates = try prototypes.map(PrototypeTemplate.init)
    }

    /// Makes `count` copies numbered from `first`, hands them to `write` `batch` at a time, and
    /// sums up what was written.
    ///
    /// - Parameters:
    ///   - prototypeIndex: which prototype the `i`th copy (from 0) is made from.
    ///   - consentToken: a fresh token for each copy of an approved prototype.
    ///   - identity: the name and customer of the copy numbered `number`.
    public func make(count: Int, first: Int64, batch: Int, consentToken: () -> ConsentToken,
                     identity: (_ number: Int64) -> BulkLoader.Identity, prototypeIndex: (Int) -> Int,
                     write: ([ClaimCopy]) throws -> Void) throws -> BulkLoader.Summary {
        var summary = BulkLoader.Summary()
        var made = 0
        while made < count {
            let end = min(count, made + max(1, batch))
            let copies = (made..<end).map { index in
                let number = first + Int64(index)
                return templates[prototypeIndex(index)].copy(number: number, identity: identity(number), consentToken: consentToken)
            }
            try write(copies)
            for copy in copies {
                summary.claims += 1
                summary.products += copy.products.count
                summary.documents += copy.claim.evidence.count
                summary.comments += copy.claim.comments.count
                summary.historyEntries += copy.history.count
            }
            made = end
        }
        summary.numbers = count > 0 ? first...(first + Int64(count) - 1) : nil
        return summary
    }
}

/// One copy, with its JSON rendered, ready for a store to insert.
public struct ClaimCopy {
    public let claim: Claim
    public let number: Int64
    /// The claim's `document` column.
    public let document: String
    /// The history entries and their `entry` column, oldest first.
    public let history: [(entry: HistoryEntry, json: String)]
    /// Each product once.
    public let products: [Product]
    /// Each PoE's uploader and each comment's author as their JSON columns, in position order.
    public let uploadedBy: [String]
    public let commentAuthors: [String]
    public let updatedAt: Date
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
        let id = StoredClaims.id(number: number)
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
            claim: claim, number: number, document: document.render(literals),
            history: history.map { ($0.entry, $0.template.render(literals)) }, products: products,
            uploadedBy: uploadedBy, commentAuthors: commentAuthors, updatedAt: updatedAt)
    }
}
