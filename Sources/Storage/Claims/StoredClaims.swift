import Claims
import Foundation

/// How a claim is kept, whatever the database: its JSON document (the domain's Codable value
/// without its PoE list and comments, which have rows of their own), the copies of the fields pages
/// filter, sort and search on, and the claim number behind its ID. Each store's SQL uses these, so
/// the two dialects write the same values.
public enum StoredClaims {
    /// `value` as `JSONEncoder` with sorted keys writes it (see `StoredJSONEncoder`).
    public static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try StoredJSONEncoder.encode(value), as: UTF8.self)
    }

    /// `text` as `JSONDecoder` reads it (see `StoredJSONDecoder`).
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try StoredJSONDecoder.decode(type, from: text)
    }

    /// When a transition happened: its latest history entry (every stored transition has one).
    public static func changedAt(_ transition: Transition) -> Date {
        transition.history.map(\.at).max() ?? transition.claim.createdAt
    }

    /// Claim IDs are "C-" and the claim's number; numbers start at `firstNumber`.
    public static let firstNumber: Int64 = 1001
    static let idPrefix = "C-"

    public static func number(of id: ClaimID) -> Int64? {
        guard id.rawValue.hasPrefix(idPrefix), let number = Int64(id.rawValue.dropFirst(idPrefix.count)),
              number > 0 else { return nil }
        return number
    }

    /// Written digit by digit: every row of every list makes one, and "C-" with up to 13 digits
    /// is a small string, which needs no allocation.
    public static func id(number: Int64) -> ClaimID {
        guard number > 0, number < 10_000_000_000_000 else { return ClaimID(idPrefix + String(number)) }
        var digits = 0
        var rest = number
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return ClaimID(String(unsafeUninitializedCapacity: 2 + digits) { buffer in
            buffer[0] = UInt8(ascii: "C")
            buffer[1] = UInt8(ascii: "-")
            var rest = number
            for index in stride(from: 1 + digits, through: 2, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return 2 + digits
        })
    }

    /// The condition on `state` for "Needs your action", spelled with literals: both databases use
    /// the partial index `claims_organization_action` only for a condition that is visibly its own.
    /// The values are the states' own names, never input. Were the set to change, the condition would
    /// stay right and only the index would go unused.
    public static let partnerActionCondition = "state IN ("
        + ClaimState.allCases.filter(\.needsPartnerAction).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// A claim's `products` column read back: each product once, in catalog order.
    public static func products(_ column: String) -> [Product] { StoredValues.productList(column) }

    /// Organization IDs in the domain are the organizations table's row IDs as text.
    public static func organizationNumber(_ id: OrganizationID) -> Int64 { Int64(id.rawValue) ?? 0 }

    /// The claim's `document` column: the claim without its PoE and comments, which live in their
    /// own tables, so each save stays small.
    public static func document(_ claim: Claim) throws -> String {
        try json(core(of: claim))
    }

    /// `document(_:)` for a claim being saved as row `number`, remembering the claim it decodes to,
    /// so that the next load of this version, by the next action or the page after this one, does
    /// not decode it again. (If the save does not commit, the row keeps other text, which the
    /// remembered claim does not answer for.)
    public static func savedDocument(_ claim: Claim, number: Int64) throws -> String {
        let core = core(of: claim)
        let text = try json(core)
        claimDocuments.remember(key: number, text: text, value: core)
        return text
    }

    /// The claim as its document holds it: without its PoE and comments.
    static func core(of claim: Claim) -> Claim {
        Claim(
            id: claim.id, version: claim.version, organization: claim.organization, createdBy: claim.createdBy,
            createdAt: claim.createdAt, state: claim.state, details: claim.details, evidence: [], comments: [],
            review: claim.review, partnerAction: claim.partnerAction, approval: claim.approval,
            rejection: claim.rejection, dispute: claim.dispute, closedAt: claim.closedAt,
            subscriptionNotice: claim.subscriptionNotice)
    }

    /// The claim from its document and its PoE and comment rows.
    public static func assemble(core: Claim, evidence: [ProofOfExecution], comments: [Comment]) -> Claim {
        Claim(
            id: core.id, version: core.version, organization: core.organization, createdBy: core.createdBy,
            createdAt: core.createdAt, state: core.state, details: core.details, evidence: evidence, comments: comments,
            review: core.review, partnerAction: core.partnerAction, approval: core.approval,
            rejection: core.rejection, dispute: core.dispute, closedAt: core.closedAt,
            subscriptionNotice: core.subscriptionNotice)
    }

    /// The copies of the claim's fields kept beside its document, written on every save.
    public struct IndexColumns: Sendable, Equatable {
        /// The columns, in the order each store's statements bind them: the same in both dialects.
        public static let names = [
            "version", "state", "name", "customer_name", "customer_domain", "tenant_id", "solution_area", "activity",
            "location_id", "subscription_id", "assigned_reviewer", "sent_for_evaluation_at", "deadline_kind", "deadline_at",
            "next_timer_at", "consent_token_hash", "subscription_notice", "products",
        ]

        public let version: Int
        public let state: String
        public let name: String
        public let customerName: String
        public let customerDomain: String
        public let tenantID: String?
        public let solutionArea: String?
        public let activity: String?
        public let locationID: String?
        public let subscriptionID: String?
        public let assignedReviewer: String?
        public let sentForEvaluationAt: Int64?
        public let deadlineKind: String?
        public let deadlineAt: Int64?
        public let nextTimerAt: Int64?
        public let consentTokenHash: String?
        public let subscriptionNotice: Bool
        /// The products, each once, in catalog order, comma-separated: what lists show.
        public let products: String

        public init(_ claim: Claim) {
            let deadline = claim.currentDeadline
            version = claim.version
            state = claim.state.rawValue
            name = claim.details.name
            customerName = claim.details.customer.name
            customerDomain = claim.details.customer.domain?.rawValue ?? ""
            tenantID = claim.details.customer.tenantID?.rawValue
            solutionArea = claim.details.solutionArea?.rawValue
            activity = claim.details.activity?.rawValue
            locationID = claim.details.partnerLocationID?.rawValue
            subscriptionID = claim.details.subscriptionID?.rawValue
            assignedReviewer = claim.review.assignedReviewer?.rawValue
            sentForEvaluationAt = claim.approval?.sentForIncentiveEvaluationAt?.millisecondsSince1970
            deadlineKind = deadline?.kind.rawValue
            deadlineAt = deadline?.dueAt.millisecondsSince1970
            nextTimerAt = claim.nextTimerDue?.millisecondsSince1970
            consentTokenHash = claim.approval?.consentTokenHash
            subscriptionNotice = claim.subscriptionNotice != nil
            products = Set(claim.details.products).sorted().map(\.rawValue).joined(separator: ",")
        }
    }
}
