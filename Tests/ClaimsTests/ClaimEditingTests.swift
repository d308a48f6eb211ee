import Testing
@testable import Claims

struct ClaimEditingTests {
    @Test func everyEditIsRecordedOldToNew() throws {
        let claim = Fixtures.claim(in: .submitted)
        var form = ClaimForm(claim.details)
        form.partnerLocationID = "7654321"
        form.products = [Product.teams.rawValue]
        form.customerContactEmail = "CIO@Contoso.com"
        let transition = try claim.applying(.edit(form), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        let changes = transition.history.compactMap { entry -> HistoryEvent? in
            if case .fieldChange = entry.event { entry.event } else { nil }
        }
        #expect(changes == [
            .fieldChange(field: .partnerLocationID, old: "1234567", new: "7654321"),
            .fieldChange(field: .products, old: "exchange_online, teams", new: "teams"),
            .fieldChange(field: .customerContactEmail, old: "carla@contoso.com", new: "CIO@contoso.com"),
        ])
        #expect(transition.history.allSatisfy { $0.actor == Fixtures.partner && $0.at == Fixtures.now })
        #expect(transition.claim.details.products == [.teams])
        #expect(transition.claim.version == claim.version + 1)
        #expect(transition.claim.state == .submitted)
    }

    @Test func afterSubmissionOnlySomeFieldsMayChange() {
        let claim = Fixtures.claim(in: .submitted)
        var form = ClaimForm(claim.details)
        form.name = "Renamed"
        form.tenantID = "6F9619FF-8B86-D011-B42D-00C04FC964FF"
        form.partnerContactName = "Someone Else"
        #expect(throws: ClaimError.invalidFields(FieldErrors([.name: .notEditable(.submitted), .tenantID: .notEditable(.submitted)]))) {
            try claim.applying(.edit(form), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        }
    }

    @Test func reSavingTheSameValuesInAnotherSpellingChangesNothing() throws {
        let claim = Fixtures.claim(in: .partnerActionRequired)
        var form = ClaimForm(claim.details)
        form.tenantID = Fixtures.tenant.uppercased()
        form.customerDomain = "Contoso.OnMicrosoft.com"
        form.products = form.products.reversed()
        let transition = try claim.applying(.edit(form), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        #expect(transition.isEmpty)
        #expect(transition.claim == claim)
    }

    @Test func aSubmittedClaimCannotLoseARequiredField() {
        let claim = Fixtures.claim(in: .submitted)
        var form = ClaimForm(claim.details)
        form.customerContactEmail = ""
        #expect(throws: ClaimError.invalidFields(FieldErrors([.customerContactEmail: .required]))) {
            try claim.applying(.edit(form), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        }
    }

    @Test func everyUploadIsKept() throws {
        let claim = Fixtures.claim(in: .draft)
        var upload = Fixtures.upload("poe-9")
        let added = try claim.applying(.addProofOfExecution(upload), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        #expect(added.claim.evidence.map(\.id.rawValue) == ["poe-1", "poe-9"])
        #expect(added.history.map(\.event) == [.upload(document: DocumentID("poe-9"), filename: "poe-9.pdf")])
        #expect(throws: ClaimError.duplicateDocument(DocumentID("poe-9"))) {
            try added.claim.applying(.addProofOfExecution(upload), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        }
        upload = ProofOfExecution.Upload(id: DocumentID("empty"), filename: "empty.pdf", contentType: "application/pdf", size: 0, sha256: String(repeating: "0", count: 64))
        #expect(throws: ClaimError.invalidDocument(filename: "empty.pdf")) {
            try claim.applying(.addProofOfExecution(upload), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        }
    }

    @Test func submittingNeedsProofOfExecutionAndEveryField() throws {
        let bare = try Claim.draft(id: ClaimID("C-7"), form: Fixtures.completeForm, by: Fixtures.partner, at: Fixtures.created).claim
        #expect(throws: ClaimError.missingProofOfExecution(claim: ClaimID("C-7"))) {
            try bare.applying(.submit, by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        }
        let partial = try Claim.draft(id: ClaimID("C-8"), form: ClaimForm(name: "Half", tenantID: Fixtures.tenant), by: Fixtures.partner, at: Fixtures.created).claim
        do {
            _ = try partial.applying(.submit, by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
            Issue.record("an incomplete claim was submitted")
        } catch {
            #expect(error.messageKey == "error.claim.incomplete")
            #expect(error.fieldErrors?[.customerContactEmail] == .required)
            #expect(error.fieldErrors?[.tenantID] == nil)
        }
    }

    @Test func commentsNeedText() {
        let claim = Fixtures.claim(in: .inReview)
        #expect(throws: ClaimError.commentRequired) {
            try claim.applying(.addComment("   "), by: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules)
        }
        #expect(throws: ClaimError.commentTooLong(maximum: Comment.maximumLength)) {
            try claim.applying(.addComment(String(repeating: "a", count: 4001)), by: Fixtures.reviewer, at: Fixtures.now, rules: Fixtures.rules)
        }
    }
}
