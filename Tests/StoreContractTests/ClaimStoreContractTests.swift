import Claims
import Foundation
import Storage
import Testing

/// What every claim store does: round trips, one-transaction writes, optimistic concurrency,
/// competing flags and consent links, on every backend.
@Suite struct ClaimStoreContractTests {
    typealias World = ClaimWorld

    @Test(arguments: Backend.all) func aClaimRoundTripsWithItsDocumentsCommentsAndHistory(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.submitted(by: world.contoso)
        try world.store.update(claim.id, expectedVersion: claim.version) { claim, _ in
            try claim.applying(.addComment("Signed page attached"), by: world.contoso, at: World.monday, rules: World.rules)
        }
        let loaded = try #require(try world.store.claim(claim.id))
        #expect(loaded.id.rawValue == "C-1001")
        #expect(loaded.state == .submitted)
        #expect(loaded.details == claim.details)
        #expect(loaded.evidence.map(\.filename) == ["signed.pdf"])
        #expect(loaded.evidence.first?.uploadedBy == world.contoso)
        #expect(loaded.comments.map(\.text) == ["Signed page attached"])
        #expect(loaded.version == claim.version + 1)
        let kinds = try world.store.history(of: claim.id).map(\.kind)
        #expect(kinds.first == .created)
        #expect(kinds.contains(.upload) && kinds.contains(.stateChange) && kinds.last == .comment)
    }

    @Test(arguments: Backend.all) func claimIDsAreSequentialAndUnknownIDsAreNotFound(_ backend: Backend) throws {
        let world = try World(backend)
        let first = try world.submitted(by: world.contoso)
        let second = try world.submitted(by: world.fabrikam, form: World.fabrikamForm())
        #expect([first.id.rawValue, second.id.rawValue] == ["C-1001", "C-1002"])
        #expect(try world.store.claim(ClaimID("C-9999")) == nil)
        #expect(try world.store.claim(ClaimID("../etc")) == nil)
        #expect(try world.store.history(of: ClaimID("C-9999")).isEmpty)
        #expect(throws: ClaimStoreError.notFound(ClaimID("C-9999"))) {
            try world.store.update(ClaimID("C-9999"), expectedVersion: nil) { claim, _ in
                Transition(claim: claim, history: [], emails: [])
            }
        }
    }

    @Test(arguments: Backend.all) func aStaleVersionIsRefusedBeforeTheChangeRuns(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.submitted(by: world.contoso)
        let read = claim.version
        // Two reviewers opened the same version, on two nodes; both press "start review".
        let other = try world.test.node().claims
        try other.update(claim.id, expectedVersion: read) { claim, _ in
            try claim.applying(.startReview, by: .reviewer(UserID("7")), at: World.monday, rules: World.rules)
        }
        var ran = false
        #expect(throws: ClaimStoreError.changedSinceRead(claim.id, expected: read, actual: read + 1)) {
            try world.store.update(claim.id, expectedVersion: read) { claim, _ in
                ran = true
                return try claim.applying(.startReview, by: world.reviewer, at: World.monday, rules: World.rules)
            }
        }
        #expect(!ran)
        #expect(try world.store.claim(claim.id)?.review.assignedReviewer == UserID("7"))
    }

    /// Two nodes act on one claim at the same moment, from the same version: one wins, the other
    /// is told the claim changed (having read the winner's version before storing anything), and
    /// only the winner's change is stored. A store may let both changes run on the version both
    /// read (SQLite decides before it takes the writer); none runs on the winner's version.
    @Test(arguments: Backend.all) func twoNodesUpdatingOneClaimAtOnceMakeOneWinner(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.submitted(by: world.contoso)
        let nodes = [world.store, try world.test.node().claims]
        let reviewers = [UserID("7"), UserID("8")]
        let results = Results<Result<Transition, ClaimStoreError>>()
        let changes = Results<Int>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                let transition = try nodes[index].update(claim.id, expectedVersion: claim.version) { claim, _ in
                    changes.append(claim.version)
                    // Holds the claim while the other node tries it.
                    Thread.sleep(forTimeInterval: 0.3)
                    return try claim.applying(.startReview, by: .reviewer(reviewers[index]), at: World.monday, rules: World.rules)
                }
                results.append(.success(transition))
            } catch let error as ClaimStoreError {
                results.append(.failure(error))
            } catch {
                Issue.record(error)
            }
        }
        let winners = results.values.compactMap { try? $0.get() }
        let losers = results.values.compactMap { result -> ClaimStoreError? in
            if case .failure(let error) = result { error } else { nil }
        }
        #expect(winners.count == 1 && losers == [.changedSinceRead(claim.id, expected: claim.version, actual: claim.version + 1)])
        #expect(!changes.values.isEmpty && changes.values.allSatisfy { $0 == claim.version },
                "no change ran on the winner's version")
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.version == claim.version + 1)
        #expect(stored.review.assignedReviewer == winners.first?.claim.review.assignedReviewer)
        #expect(try world.store.history(of: claim.id).filter { $0.kind == .stateChange }.count == 2, "submitted, then one review")
    }

    @Test(arguments: Backend.all) func aFailureHalfwayLeavesNothingWritten(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try world.submitted(by: world.contoso, document: "doc-taken")
        let claim = try world.submitted(by: world.fabrikam, form: World.fabrikamForm())
        let historyBefore = try world.store.history(of: claim.id).count
        let outboxBefore = try world.stores.outbox.recent(limit: 100).count
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                _ = try claim.applying(.startReview, by: world.reviewer, at: World.monday, rules: World.rules)
                throw Boom()
            }
        }
        // The claim row is updated first; the document row then violates a unique key (its ID is
        // another claim's), so the whole transaction must roll back.
        #expect(throws: (any Error).self) {
            try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                try claim.applying(.addProofOfExecution(World.upload("doc-taken")), by: world.fabrikam, at: World.monday, rules: World.rules)
            }
        }
        let after = try #require(try world.store.claim(claim.id))
        #expect(after.version == claim.version)
        #expect(after.evidence.count == 1)
        #expect(try world.store.history(of: claim.id).count == historyBefore)
        #expect(try world.stores.outbox.recent(limit: 100).count == outboxBefore)
        // The store is usable after the rollback.
        try world.apply(.addComment("still here"), to: claim.id, by: world.fabrikam)
        #expect(try world.store.claim(claim.id)?.comments.map(\.text) == ["still here"])
    }

    @Test(arguments: Backend.all) func aDomainRefusalWritesNothing(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.submitted(by: world.contoso)
        #expect(throws: ClaimError.self) {
            try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                try claim.applying(.approve, by: world.reviewer, at: World.monday, rules: World.rules)
            }
        }
        #expect(try world.store.claim(claim.id)?.version == claim.version)
    }

    @Test(arguments: Backend.all) func competingClaimsSeeEachOtherAndDuplicatesAreRefused(_ backend: Backend) throws {
        let world = try World(backend)
        let contoso = try world.submitted(by: world.contoso)
        let fabrikam = try world.submitted(by: world.fabrikam, form: World.fabrikamForm(tenant: World.tenant))
        #expect(try world.store.claimsOnSameTenant(as: fabrikam).map(\.id) == [contoso.id])
        #expect(try world.store.claimsOnSameTenant(as: contoso).map(\.id) == [fabrikam.id])
        #expect(fabrikam.conflicts(among: try world.store.claimsOnSameTenant(as: fabrikam)).map(\.kind) == [.competing])
        // The competitor's own history records the conflict, and both are flagged for the queue.
        #expect(try world.store.history(of: contoso.id).contains { $0.kind == .conflict })
        let competing = try world.store.reviewQueue(ReviewQueueQuery(view: .competing, reviewer: "", now: World.monday))
        #expect(Set(competing.rows.map(\.id)) == [contoso.id, fabrikam.id])
        #expect(competing.rows.allSatisfy { $0.competing })
        #expect(try world.store.reviewQueueCounts(at: World.monday).competing == 2)
        #expect(throws: ClaimError.self) { try world.submitted(by: world.contoso) }
    }

    @Test(arguments: Backend.all) func approvalQueuesTheConsentEmailInTheSameTransaction(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.submitted(by: world.contoso)
        _ = try world.approved(claim.id)
        let due = try world.stores.outbox.due(at: World.monday, limit: 10)
        #expect(due.map(\.email.kind).contains(.consentRequest))
        #expect(due.allSatisfy { $0.email.claimID == claim.id && $0.status == .pending })
    }

    @Test(arguments: Backend.all) func anApprovalThatTakesAnOlderAssociationOverWritesBothClaimsInOneTransaction(_ backend: Backend) throws {
        let world = try World(backend)
        let older = try world.submitted(by: world.contoso, form: World.form(products: [.teams]))
        let approvedOlder = try world.approved(older.id)
        let week = World.monday.addingTimeInterval(7 * 86400)
        let newer = try world.submitted(by: world.fabrikam, form: World.fabrikamForm(tenant: World.tenant, products: [.teams]), at: week)
        #expect(try world.store.reviewQueueCounts(at: week).competing == 1, "the newer claim waits, competing with the approved one")
        #expect(try world.store.dashboard(DashboardQuery(organizationID: world.contosoID)).rows.first?.state == .approved)
        _ = try world.approved(newer.id, at: week)

        let ended = try #require(try world.store.claim(older.id))
        #expect(ended.state == .ended)
        #expect(ended.endCause == .replaced)
        #expect(try world.store.history(of: older.id).contains { $0.event == .replacedBy(claim: newer.id, products: [.teams]) })
        #expect(try world.store.history(of: newer.id).contains { $0.event == .replaced(claim: older.id, products: [.teams]) })
        let emails = try world.stores.outbox.recent(limit: 20)
        #expect(emails.contains { $0.email.kind == .associationReplaced && $0.email.claimID == older.id })
        // Neither competes any more; the older claim is counted and listed as ended, and says why.
        #expect(try world.store.reviewQueueCounts(at: week).competing == 0)
        #expect(try world.store.stateCounts(organizationID: world.contosoID) == [.ended: 1])
        let row = try #require(try world.store.dashboard(DashboardQuery(organizationID: world.contosoID)).rows.first)
        #expect(row.state == .ended && row.endCause == .replaced)
        #expect(ended.version == approvedOlder.version + 1)
    }

    @Test(arguments: Backend.all) func stateCountsFollowEveryWriteExactly(_ backend: Backend) throws {
        let world = try World(backend)
        func counted(_ organization: Int64) throws -> [ClaimState: Int] {
            let rows = try world.store.dashboard(DashboardQuery(organizationID: organization, limit: nil)).rows
            return Dictionary(grouping: rows, by: \.state).mapValues(\.count)
        }
        let draft = try world.draft(by: world.contoso)
        #expect(try world.store.stateCounts(organizationID: world.contosoID) == [.draft: 1])
        let submitted = try world.submitted(by: world.fabrikam, form: World.fabrikamForm())
        try world.apply(.startReview, to: submitted.id, by: world.reviewer)
        try world.apply(.addComment("still a draft"), to: draft.id, by: world.contoso)
        _ = try world.submitted(by: world.contoso, form: World.form(tenant: "22222222-3333-4444-5555-666666666666"))
        for organization in [world.contosoID, world.fabrikamID] {
            #expect(try world.store.stateCounts(organizationID: organization) == counted(organization))
        }
        #expect(try world.store.stateCounts(organizationID: world.fabrikamID) == [.inReview: 1])
        #expect(try world.store.stateCounts(organizationID: world.contosoID) == [.draft: 1, .submitted: 1])
        #expect(try world.store.stateCounts(organizationID: 999) == [:])
    }

    @Test(arguments: Backend.all) func aConsentTokenFindsItsClaimAndNothingElseFindsOne(_ backend: Backend) throws {
        let world = try World(backend)
        let claim = try world.approved(try world.submitted(by: world.contoso).id)
        #expect(try world.store.claim(consentToken: ConsentToken("token-1"))?.id == claim.id)
        #expect(try world.store.claim(consentToken: ConsentToken("token-2")) == nil)
        #expect(try world.store.claim(consentToken: ConsentToken("")) == nil)
    }

    @Test(arguments: Backend.all) func theRawConsentTokenLeavesTheOutboxWhenTheEmailIsSent(_ backend: Backend) throws {
        let world = try World(backend)
        _ = try world.approved(try world.submitted(by: world.contoso).id)
        let outbox = world.stores.outbox
        let consent = try #require(try outbox.due(at: World.monday, limit: 10).first { $0.email.kind == .consentRequest })
        #expect(consent.email.parameters["consent_token"] == "token-1")
        try outbox.markSent(consent.id, at: World.monday)
        let sent = try #require(try outbox.recent(limit: 10).first { $0.id == consent.id })
        #expect(sent.status == .sent && sent.email.parameters["consent_token"] == "")
        #expect(sent.email.recipient == consent.email.recipient)
        // The link still works: the claim is found by the hash.
        #expect(try world.store.claim(consentToken: ConsentToken("token-1")) != nil)
    }
}
