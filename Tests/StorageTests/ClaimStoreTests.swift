import Claims
import Foundation
import SQLite
import Testing
@testable import Storage

/// The SQLite claim store on a real file: round trips, one-transaction writes, optimistic
/// concurrency, and a timer sweep that reads only due rows.
@Suite struct ClaimStoreTests {
    static let calendar = BusinessCalendar(timeZoneIdentifier: "Europe/Madrid", holidays: [])!
    static let rules = WorkflowRules(policy: .standard, calendar: calendar, makeConsentToken: { ConsentToken("token-1") })
    static let monday = Date(timeIntervalSince1970: 1_772_442_000) // 2026-03-02 09:00 Madrid

    struct World {
        let temp: MigratedDatabase
        let store: SQLiteClaimStore
        let contoso: Actor
        let fabrikam: Actor
        let reviewer = Actor.reviewer(UserID("9"))
    }

    static func world() throws -> World {
        let temp = try MigratedDatabase()
        let accounts = SQLiteAccountStore(database: temp.database)
        let contoso = try accounts.createOrganization(name: "Contoso", locations: [PartnerLocation(locationID: "4100001", name: "A")], at: monday)
        let fabrikam = try accounts.createOrganization(name: "Fabrikam", locations: [PartnerLocation(locationID: "5200001", name: "B")], at: monday)
        return World(
            temp: temp, store: SQLiteClaimStore(database: temp.database),
            contoso: .partner(PartnerUser(id: UserID("1"), role: .incentivesAdmin, organization: OrganizationID(String(contoso.id)))),
            fabrikam: .partner(PartnerUser(id: UserID("2"), role: .incentivesAdmin, organization: OrganizationID(String(fabrikam.id)))))
    }

    static func form(location: String = "4100001", tenant: String = "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                     products: [Product] = [.exchangeOnline, .teams]) -> ClaimForm {
        ClaimForm(name: "Exchange migration", partnerLocationID: location, tenantID: tenant,
                  customerDomain: "customer.example", customerName: "Customer Ltd",
                  solutionArea: SolutionArea.microsoft365.rawValue, products: products.map(\.rawValue),
                  activity: Activity.usageDeployment.rawValue, customerContactName: "Carla Ruiz",
                  customerContactTitle: "CIO", customerContactEmail: "carla@customer.example",
                  partnerContactName: "Ana Gil", partnerContactEmail: "ana@partner.example")
    }

    static func upload(_ id: String = UUID().uuidString) -> ProofOfExecution.Upload {
        ProofOfExecution.Upload(id: DocumentID(id), filename: "signed.pdf", contentType: "application/pdf", size: 1234,
                                sha256: String(repeating: "cd", count: 32))
    }

    /// Creates a draft with a PoE and submits it.
    static func submitted(_ world: World, by actor: Actor, form: ClaimForm = form(), at time: Date = monday,
                          document: String = UUID().uuidString) throws -> Claim {
        let created = try world.store.create { id in try Claim.draft(id: id, form: form, by: actor, at: time) }
        let id = created.claim.id
        try world.store.update(id, expectedVersion: nil) { claim, _ in
            try claim.applying(.addProofOfExecution(upload(document)), by: actor, at: time, rules: rules)
        }
        return try world.store.update(id, expectedVersion: nil) { claim, others in
            try claim.applying(.submit, by: actor, at: time, rules: rules, claimsOnSameTenant: others)
        }.claim
    }

    @Test func aClaimRoundTripsWithItsDocumentsCommentsAndHistory() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        try world.store.update(claim.id, expectedVersion: claim.version) { claim, _ in
            try claim.applying(.addComment("Signed page attached"), by: world.contoso, at: Self.monday, rules: Self.rules)
        }
        let loaded = try #require(try world.store.claim(claim.id))
        #expect(loaded.id.rawValue == "C-1001")
        #expect(loaded.state == .submitted)
        #expect(loaded.details == claim.details)
        #expect(loaded.evidence.map(\.filename) == ["signed.pdf"])
        #expect(loaded.comments.map(\.text) == ["Signed page attached"])
        #expect(loaded.version == claim.version + 1)
        let kinds = try world.store.history(of: claim.id).map(\.kind)
        #expect(kinds.first == .created)
        #expect(kinds.contains(.upload) && kinds.contains(.stateChange) && kinds.last == .comment)
    }

    @Test func claimIDsAreSequentialAndUnknownIDsAreNotFound() throws {
        let world = try Self.world()
        let first = try Self.submitted(world, by: world.contoso)
        let second = try Self.submitted(world, by: world.fabrikam, form: Self.form(location: "5200001", tenant: "11111111-2222-3333-4444-555555555555"))
        #expect([first.id.rawValue, second.id.rawValue] == ["C-1001", "C-1002"])
        #expect(try world.store.claim(ClaimID("C-9999")) == nil)
        #expect(try world.store.claim(ClaimID("../etc")) == nil)
        #expect(throws: ClaimStoreError.notFound(ClaimID("C-9999"))) {
            try world.store.update(ClaimID("C-9999"), expectedVersion: nil) { claim, _ in
                Transition(claim: claim, history: [], emails: [])
            }
        }
    }

    @Test func aStaleVersionIsRefusedAndOnlyOneOfTwoReviewersWins() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        let read = claim.version
        // Two reviewers opened the same version; both press "start review".
        let other = SQLiteClaimStore(database: try Database(path: world.temp.database.path))
        try other.update(claim.id, expectedVersion: read) { claim, _ in
            try claim.applying(.startReview, by: .reviewer(UserID("7")), at: Self.monday, rules: Self.rules)
        }
        #expect(throws: ClaimStoreError.changedSinceRead(claim.id, expected: read, actual: read + 1)) {
            try world.store.update(claim.id, expectedVersion: read) { claim, _ in
                try claim.applying(.startReview, by: world.reviewer, at: Self.monday, rules: Self.rules)
            }
        }
        #expect(try world.store.claim(claim.id)?.review.assignedReviewer == UserID("7"))
    }

    @Test func aFailureHalfwayLeavesNothingWritten() throws {
        let world = try Self.world()
        _ = try Self.submitted(world, by: world.contoso, document: "doc-taken")
        let claim = try Self.submitted(world, by: world.fabrikam, form: Self.form(location: "5200001", tenant: "11111111-2222-3333-4444-555555555555"))
        let historyBefore = try world.store.history(of: claim.id).count
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                _ = try claim.applying(.startReview, by: world.reviewer, at: Self.monday, rules: Self.rules)
                throw Boom()
            }
        }
        // The claim row is updated first; the document row then violates a unique constraint
        // (its ID is another claim's), so the whole transaction must roll back.
        #expect(throws: SQLiteError.self) {
            try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                try claim.applying(.addProofOfExecution(Self.upload("doc-taken")), by: world.fabrikam, at: Self.monday, rules: Self.rules)
            }
        }
        let after = try #require(try world.store.claim(claim.id))
        #expect(after.version == claim.version)
        #expect(after.evidence.count == 1)
        #expect(try world.store.history(of: claim.id).count == historyBefore)
    }

    @Test func aDomainRefusalWritesNothing() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        #expect(throws: ClaimError.self) {
            try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                try claim.applying(.approve, by: world.reviewer, at: Self.monday, rules: Self.rules)
            }
        }
        #expect(try world.store.claim(claim.id)?.version == claim.version)
    }

    @Test func competingClaimsSeeEachOtherAndDuplicatesAreRefused() throws {
        let world = try Self.world()
        let contoso = try Self.submitted(world, by: world.contoso)
        let fabrikam = try Self.submitted(world, by: world.fabrikam, form: Self.form(location: "5200001"))
        #expect(try world.store.claimsOnSameTenant(as: fabrikam).map(\.id) == [contoso.id])
        #expect(fabrikam.conflicts(among: try world.store.claimsOnSameTenant(as: fabrikam)).map(\.kind) == [.competing])
        // The competitor's own history records the conflict.
        #expect(try world.store.history(of: contoso.id).contains { $0.kind == .conflict })
        #expect(throws: ClaimError.self) { try Self.submitted(world, by: world.contoso) }
    }

    @Test func approvalQueuesTheConsentEmailInTheSameTransaction() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.startReview, by: world.reviewer, at: Self.monday, rules: Self.rules)
        }
        try world.store.update(claim.id, expectedVersion: nil) { claim, others in
            try claim.applying(.approve, by: world.reviewer, at: Self.monday, rules: Self.rules, claimsOnSameTenant: others)
        }
        let outbox = SQLiteOutbox(database: world.temp.database)
        let due = try outbox.due(at: Self.monday, limit: 10)
        #expect(due.map(\.email.kind).contains(.consentRequest))
        #expect(due.allSatisfy { $0.email.claimID == claim.id && $0.status == .pending })
        try outbox.markFailed(due[0].id, error: "421 try later", retryAt: Self.monday.addingTimeInterval(60))
        #expect(try outbox.due(at: Self.monday, limit: 10).count == due.count - 1)
        try outbox.markFailed(due[0].id, error: "550 no such user", retryAt: nil)
        try outbox.markSent(due.last!.id, at: Self.monday)
        let recent = try outbox.recent(limit: 10)
        #expect(recent.first { $0.id == due[0].id }?.status == .failed)
        #expect(recent.first { $0.id == due[0].id }?.lastError == "550 no such user")
        #expect(recent.first { $0.id == due.last!.id }?.status == .sent)
    }

    @Test func anApprovalThatTakesAnOlderAssociationOverWritesBothClaimsInOneTransaction() throws {
        let world = try Self.world()
        func decide(_ id: ClaimID, at time: Date) throws {
            try world.store.update(id, expectedVersion: nil) { claim, _ in
                try claim.applying(.startReview, by: world.reviewer, at: time, rules: Self.rules)
            }
            try world.store.update(id, expectedVersion: nil) { claim, others in
                try claim.applying(.approve, by: world.reviewer, at: time, rules: Self.rules, claimsOnSameTenant: others)
            }
        }
        let older = try Self.submitted(world, by: world.contoso, form: Self.form(products: [.teams]))
        try world.store.update(older.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.addComment("before the review"), by: world.contoso, at: Self.monday, rules: Self.rules)
        }
        try decide(older.id, at: Self.monday)
        let week = Self.monday.addingTimeInterval(7 * 86400)
        let newer = try Self.submitted(world, by: world.fabrikam, form: Self.form(location: "5200001", products: [.teams]), at: week)
        let flagged = try world.temp.database.pool.read { db in try db.query("SELECT number FROM claims WHERE competing = 1").count }
        #expect(flagged == 2)
        try decide(newer.id, at: week)

        let ended = try #require(try world.store.claim(older.id))
        #expect(ended.state == .ended)
        #expect(ended.endCause == .replaced)
        #expect(try world.store.history(of: older.id).contains { $0.event == .replacedBy(claim: newer.id, products: [.teams]) })
        #expect(try world.store.history(of: newer.id).contains { $0.event == .replaced(claim: older.id, products: [.teams]) })
        let emails = try SQLiteOutbox(database: world.temp.database).recent(limit: 20)
        #expect(emails.contains { $0.email.kind == .associationReplaced && $0.email.claimID == older.id })
        // Neither competes any more; the older claim is counted and listed as ended, and says why.
        let stillFlagged = try world.temp.database.pool.read { db in try db.query("SELECT number FROM claims WHERE competing = 1").count }
        #expect(stillFlagged == 0)
        #expect(try world.store.stateCounts(organizationID: 1) == [.ended: 1])
        let row = try #require(try world.store.dashboard(DashboardQuery(organizationID: 1)).rows.first)
        #expect(row.state == .ended && row.endCause == .replaced)
        // Each change is one version: its review, its approval, and the take-over.
        #expect(ended.version == older.version + 4)
        // The take-over rewrote the older claim, read without its thread, and left the thread whole.
        #expect(ended.comments.map(\.text) == ["before the review"])
    }

    /// An action reads neither the claim's thread nor its length: the change sees no comments,
    /// and what it adds goes after every comment stored, in order, each in a position of its own.
    @Test func aCommentOnALongThreadGoesAfterItWithoutTheThreadBeingRead() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        for text in ["one", "two", "three"] {
            try world.store.update(claim.id, expectedVersion: nil) { current, _ in
                #expect(current.comments.isEmpty)
                return try current.applying(.addComment(text), by: world.contoso, at: Self.monday, rules: Self.rules)
            }
        }
        let transition = try world.store.update(claim.id, expectedVersion: nil) { current, _ in
            let once = try current.applying(.addComment("four"), by: world.reviewer, at: Self.monday, rules: Self.rules)
            let twice = try once.claim.applying(.addComment("five"), by: world.contoso, at: Self.monday, rules: Self.rules)
            return Transition(claim: twice.claim, history: once.history + twice.history, emails: [], otherClaims: [])
        }
        #expect(transition.claim.comments.map(\.text) == ["four", "five"])
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.comments.map(\.text) == ["one", "two", "three", "four", "five"])
        #expect(stored.comments.map(\.author) == [world.contoso, world.contoso, world.contoso, world.reviewer, world.contoso])
        let positions = try world.temp.database.pool.read { db in
            try db.query("SELECT position FROM comments WHERE claim_number = 1001 ORDER BY id").map { try $0.int("position") }
        }
        #expect(positions == [0, 1, 2, 3, 4])
        let withoutThread = try #require(try world.store.claimWithoutComments(claim.id))
        #expect(withoutThread.comments.isEmpty)
        #expect(withoutThread.evidence == stored.evidence && withoutThread.version == stored.version)
        #expect(try world.store.claimWithoutComments(ClaimID("C-9999")) == nil)
    }

    @Test func theSweepAppliesDueTimersOnceAndReadsOnlyDueRows() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.startReview, by: world.reviewer, at: Self.monday, rules: Self.rules)
        }
        try world.store.update(claim.id, expectedVersion: nil) { claim, others in
            try claim.applying(.approve, by: world.reviewer, at: Self.monday, rules: Self.rules, claimsOnSameTenant: others)
        }
        let fire: (Claim) -> Transition? = { $0.firingDueTimers(at: Self.monday.addingTimeInterval(8 * 86400), rules: Self.rules) }
        #expect(try world.store.sweepTimers(at: Self.monday.addingTimeInterval(86400), limit: 100, fire).isEmpty)
        let later = Self.monday.addingTimeInterval(8 * 86400)
        let first = try world.store.sweepTimers(at: later, limit: 100, fire)
        #expect(first.count == 1)
        #expect(try world.store.claim(claim.id)?.approval?.isSentForIncentiveEvaluation == true)
        #expect(try world.store.sweepTimers(at: later, limit: 100, fire).isEmpty)
        let plan = try world.temp.database.pool.read { db in
            try db.query("EXPLAIN QUERY PLAN SELECT number FROM claims WHERE next_timer_at IS NOT NULL AND next_timer_at <= ? ORDER BY next_timer_at LIMIT ?", [1, 1])
                .map { try $0.string("detail") }.joined(separator: "; ")
        }
        #expect(plan.contains("claims_timer_due"))
        #expect(!plan.contains("SCAN claims"))
    }

    /// A comment made by someone else while this update decided on its snapshot: the writer finds
    /// the claim changed, decides again on the claim as it now is, and both comments are kept.
    @Test func aClaimChangedWhileDecidingIsDecidedAgainOnWhatIsThereNow() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        var seen: [(version: Int, comments: [String])] = []
        var storedBeforeCommit = 0
        let transition = try world.store.update(claim.id, expectedVersion: nil) { current, _ in
            seen.append((current.version, current.comments.map(\.text)))
            if seen.count == 1 {
                try world.store.update(claim.id, expectedVersion: nil) { claim, _ in
                    try claim.applying(.addComment("meanwhile"), by: world.reviewer, at: Self.monday, rules: Self.rules)
                }
            }
            return try current.applying(.addComment("mine"), by: world.contoso, at: Self.monday, rules: Self.rules)
        } beforeCommit: {
            storedBeforeCommit += 1
        }
        #expect(seen.map(\.version) == [claim.version, claim.version + 1])
        // A decision is handed the claim without its thread (`ClaimStore.update`); the version
        // says it read again, and the thread below that "mine" went after "meanwhile".
        #expect(seen.map(\.comments) == [[], []])
        #expect(storedBeforeCommit == 1)
        #expect(transition.claim.version == claim.version + 2)
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.version == claim.version + 2)
        #expect(stored.comments.map(\.text) == ["meanwhile", "mine"])
        #expect(try world.store.history(of: claim.id).filter { $0.kind == .comment }.count == 2)
    }

    /// The other claims on the tenant are part of what a decision read: a claim that joins the
    /// tenant, or one of them that changes, while this update decides makes the writer decide again.
    @Test func aTenantWhoseClaimsChangedWhileDecidingIsReadAgain() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        var othersSeen: [[ClaimID: Int]] = []
        try world.store.update(claim.id, expectedVersion: nil) { current, others in
            othersSeen.append(Dictionary(uniqueKeysWithValues: others.map { ($0.id, $0.version) }))
            if othersSeen.count == 1 { _ = try Self.submitted(world, by: world.fabrikam, form: Self.form(location: "5200001")) }
            return try current.applying(.addComment("first"), by: world.contoso, at: Self.monday, rules: Self.rules)
        }
        #expect(othersSeen.count == 2)
        #expect(othersSeen.first?.isEmpty == true)
        let joined = try #require(othersSeen.last?.keys.first)
        #expect(othersSeen.last?.count == 1)

        var versionsSeen: [Int] = []
        try world.store.update(claim.id, expectedVersion: nil) { current, others in
            versionsSeen.append(others.first?.version ?? -1)
            if versionsSeen.count == 1 {
                try world.store.update(joined, expectedVersion: nil) { other, _ in
                    try other.applying(.addComment("on the other claim"), by: world.fabrikam, at: Self.monday, rules: Self.rules)
                }
            }
            return try current.applying(.addComment("second"), by: world.contoso, at: Self.monday, rules: Self.rules)
        }
        #expect(versionsSeen.count == 2 && versionsSeen[1] == versionsSeen[0] + 1)
        #expect(try world.store.claim(claim.id)?.comments.map(\.text) == ["first", "second"])
    }

    /// Nothing is stored when the work before the commit fails, and nothing runs it for a change
    /// that changes nothing.
    @Test func beforeCommitRunsOnlyForAChangeAndItsFailureWritesNothing() throws {
        let world = try Self.world()
        let claim = try Self.submitted(world, by: world.contoso)
        struct Full: Error {}
        #expect(throws: Full.self) {
            try world.store.update(claim.id, expectedVersion: nil) { current, _ in
                try current.applying(.addComment("lost"), by: world.contoso, at: Self.monday, rules: Self.rules)
            } beforeCommit: {
                throw Full()
            }
        }
        let stored = try #require(try world.store.claim(claim.id))
        #expect(stored.version == claim.version && stored.comments.isEmpty)
        #expect(try world.store.history(of: claim.id).filter { $0.kind == .comment }.isEmpty)

        var ran = false
        let empty = try world.store.update(claim.id, expectedVersion: nil) { current, _ in
            Transition(claim: current, history: [], emails: [], otherClaims: [])
        } beforeCommit: {
            ran = true
        }
        #expect(empty.isEmpty && !ran)
        #expect(try world.store.claim(claim.id)?.version == claim.version)
    }

    @Test func stateCountsFollowEveryWriteExactly() throws {
        let world = try Self.world()
        func counted() throws -> [String: Int] {
            try world.temp.database.pool.read { db in
                var result: [String: Int] = [:]
                for row in try db.query("SELECT organization_id || ':' || state AS k, count(*) AS n FROM claims GROUP BY 1") {
                    result[try row.string("k")] = try row.int("n")
                }
                return result
            }
        }
        func kept() throws -> [String: Int] {
            var result: [String: Int] = [:]
            for organization in [1, 2] as [Int64] {
                for (state, n) in try world.store.stateCounts(organizationID: organization) {
                    result["\(organization):\(state.rawValue)"] = n
                }
            }
            return result
        }
        let draft = try world.store.create { id in try Claim.draft(id: id, form: Self.form(), by: world.contoso, at: Self.monday) }
        #expect(try kept() == counted())
        let submitted = try Self.submitted(world, by: world.fabrikam, form: Self.form(location: "5200001", tenant: "11111111-2222-3333-4444-555555555555"))
        try world.store.update(submitted.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.startReview, by: world.reviewer, at: Self.monday, rules: Self.rules)
        }
        try world.store.update(draft.claim.id, expectedVersion: nil) { claim, _ in
            try claim.applying(.addComment("still a draft"), by: world.contoso, at: Self.monday, rules: Self.rules)
        }
        #expect(try kept() == counted())
        #expect(try world.store.stateCounts(organizationID: 2) == [.inReview: 1])
        #expect(try world.store.stateCounts(organizationID: 1) == [.draft: 1])
    }
}
