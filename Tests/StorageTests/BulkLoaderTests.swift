import Claims
import Foundation
import SQLite
import Testing
@testable import Storage

/// Bulk-loaded copies must be claims the store reads back like any other: the prototype's state,
/// dates and rows, under their own number, tenant, names and documents.
@Suite struct BulkLoaderTests {
    typealias Fixture = ClaimStoreTests
    static let monday = Fixture.monday

    /// Prototypes in most states, each driven there through the workflow.
    static func prototypes(_ world: Fixture.World) throws -> [BulkLoader.Prototype] {
        let rules = Fixture.rules
        func steps(_ actions: [(ClaimAction, Actor)], kind: String, documents: Int = 1) throws -> BulkLoader.Prototype {
            var transitions = [try Claim.draft(id: ClaimID("C-proto-\(kind)"),
                                               form: Fixture.form(tenant: UUID().uuidString), by: world.contoso, at: monday)]
            let uploads = (1...documents).map { ClaimAction.addProofOfExecution(Fixture.upload("proto-\(kind)-\($0)")) }
            for (hour, (action, actor)) in (uploads.map { ($0, world.contoso) } + actions).enumerated() {
                transitions.append(try transitions.last!.claim.applying(
                    action, by: actor, at: monday.addingTimeInterval(Double(hour) * 3600), rules: rules))
            }
            return BulkLoader.Prototype(transitions)
        }
        let review: [(ClaimAction, Actor)] = [(.submit, world.contoso), (.startReview, world.reviewer)]
        return [
            try steps([], kind: "draft"),
            try steps([(.submit, world.contoso)], kind: "submitted"),
            try steps(review, kind: "review"),
            try steps(review + [(.requestPartnerAction(reasons: [.missingCustomerSignature], comment: "Sign it",
                                                       productsToRemove: []), world.reviewer),
                                (.addComment("Signed copy coming"), world.contoso)], kind: "action"),
            try steps(review + [(.approve, world.reviewer)], kind: "approved"),
            try steps(review + [(.reject(reasons: [.insufficientPoE], comment: "Unsigned"), world.reviewer)], kind: "rejected"),
            try steps(review + [(.reject(reasons: [.insufficientPoE], comment: "Unsigned"), world.reviewer),
                                (.dispute(justification: "Signed now", evidence: [Fixture.upload("proto-disputed-2")]),
                                 world.contoso)], kind: "disputed"),
            try steps([(.submit, world.contoso), (.requestRejection(reason: "Wrong customer"), world.contoso)],
                      kind: "withdrawn", documents: 2),
        ]
    }

    static func identity(_ number: Int64) -> BulkLoader.Identity {
        BulkLoader.Identity(name: "Copy \(number)", customerName: "Customer \(number)", customerDomain: "customer-\(number).example")
    }

    /// The claim with everything a copy changes set to fixed values, so a copy and its prototype compare equal.
    static func withoutIdentity(_ claim: Claim) -> Claim {
        var details = claim.details
        details.name = ""
        details.customer = Customer()
        let ids = Dictionary(uniqueKeysWithValues: claim.evidence.enumerated().map { ($1.id, DocumentID("doc-\($0)")) })
        let evidence = claim.evidence.map { document in
            ProofOfExecution(.init(id: ids[document.id]!, filename: document.filename, contentType: document.contentType,
                                   size: document.size, sha256: document.sha256),
                             uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt)
        }
        let approval = claim.approval.map {
            Approval(approvedAt: $0.approvedAt, approvedBy: $0.approvedBy, consentWindow: $0.consentWindow,
                     consentTokenHash: "", sentForIncentiveEvaluationAt: $0.sentForIncentiveEvaluationAt)
        }
        let dispute = claim.dispute.map {
            Dispute(disputedAt: $0.disputedAt, disputedBy: $0.disputedBy, justification: $0.justification,
                    evidence: $0.evidence.map { ids[$0]! }, answerDueAt: $0.answerDueAt)
        }
        return Claim(id: ClaimID(""), version: claim.version, organization: claim.organization, createdBy: claim.createdBy,
                     createdAt: claim.createdAt, state: claim.state, details: details, evidence: evidence,
                     comments: claim.comments, review: claim.review, partnerAction: claim.partnerAction,
                     approval: approval, rejection: claim.rejection, dispute: dispute, closedAt: claim.closedAt)
    }

    @Test func copiesLoadBackAsTheirPrototypesUnderTheirOwnIdentity() throws {
        let world = try Fixture.world()
        let existing = try Fixture.submitted(world, by: world.contoso)
        let prototypes = try Self.prototypes(world)
        var tokens = 0
        let count = prototypes.count * 2
        let summary = try BulkLoader(database: world.temp.database).load(
            count: count, prototypes: prototypes, claimsPerTransaction: 5,
            consentToken: { tokens += 1; return ConsentToken("token-\(tokens)") }, identity: Self.identity,
            prototypeIndex: { $0 % prototypes.count })

        #expect(summary.claims == count)
        #expect(summary.numbers == 1002...Int64(1001 + count))
        var tenants: Set<TenantID> = [try #require(existing.details.customer.tenantID)]
        for index in 0..<count {
            let prototype = prototypes[index % prototypes.count]
            let id = ClaimID("C-\(1002 + index)")
            let copy = try #require(try world.store.claim(id))
            #expect(copy.id == id)
            #expect(Self.withoutIdentity(copy) == Self.withoutIdentity(prototype.claim))
            #expect(!copy.details.name.isEmpty && copy.details.name != prototype.claim.details.name)
            #expect(!copy.details.customer.name.isEmpty && copy.details.customer.domain != nil)
            #expect(tenants.insert(try #require(copy.details.customer.tenantID)).inserted)
            #expect(copy.evidence.map(\.id) == copy.evidence.indices.map { DocumentID("\(id.rawValue)-poe-\($0 + 1)") })
            #expect(copy.dispute.map { Set($0.evidence).isSubset(of: copy.evidence.map(\.id)) } ?? true)
            if prototype.claim.approval != nil {
                #expect((1...tokens).contains { copy.approval?.accepts(ConsentToken("token-\($0)")) == true })
            }
            let history = try world.store.history(of: id)
            #expect(history.map(\.event) == prototype.history.map(\.event).map { event in
                guard case .upload(let document, let filename) = event,
                      let position = prototype.claim.evidence.firstIndex(where: { $0.id == document }) else { return event }
                return .upload(document: DocumentID("\(id.rawValue)-poe-\(position + 1)"), filename: filename)
            })
            #expect(history.allSatisfy { $0.claimID == id })
        }
        // The columns pages filter on are the copy's, and the children are all there.
        let rows = try world.temp.database.pool.read { db in
            try db.queryOne("""
                SELECT (SELECT count(*) FROM claims WHERE number > 1001) AS claims,
                       (SELECT count(DISTINCT tenant_id) FROM claims) AS tenants,
                       (SELECT count(*) FROM claim_products WHERE claim_number > 1001) AS products,
                       (SELECT count(*) FROM poe_documents WHERE claim_number > 1001) AS documents,
                       (SELECT count(*) FROM comments WHERE claim_number > 1001) AS comments,
                       (SELECT count(*) FROM history WHERE claim_number > 1001) AS history
                """)
        }
        #expect(try rows?.int("claims") == count)
        #expect(try rows?.int("tenants") == count + 1)
        #expect(try rows?.int("products") == summary.products)
        #expect(try rows?.int("documents") == summary.documents)
        #expect(try rows?.int("comments") == summary.comments)
        #expect(summary.comments == 2 * prototypes.map(\.claim.comments.count).reduce(0, +) && summary.comments > 0)
        #expect(try rows?.int("history") == summary.historyEntries)
        #expect(summary.products == count * 2)
        // A claim created afterwards takes the next number.
        #expect(try Fixture.submitted(world, by: world.fabrikam, form: Fixture.form(location: "5200001", tenant: UUID().uuidString))
            .id == ClaimID("C-\(1002 + count)"))
    }

    @Test func aPrototypeWhoseIdentityStringsCollideIsRefused() throws {
        let world = try Fixture.world()
        var form = Fixture.form()
        form.name = form.customerName
        let draft = try Claim.draft(id: ClaimID("C-proto"), form: form, by: world.contoso, at: Self.monday)
        #expect(throws: BulkLoader.Failure.identityNotReplaceable(ClaimID("C-proto"))) {
            try BulkLoader(database: world.temp.database).load(
                count: 1, prototypes: [BulkLoader.Prototype([draft])], consentToken: { ConsentToken("t") },
                identity: Self.identity, prototypeIndex: { _ in 0 })
        }
    }
}
