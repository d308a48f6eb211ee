extension ClaimChange {
    /// Applies the changed fields of `form`. Once submitted, only the fields the state allows
    /// may change and the claim must stay complete; each changed field is recorded old → new.
    ///
    /// A draft is checked against the tenant directory on every save, so the partner learns early.
    /// After submission the tenant, domain and subscription are fixed and the reviewer owns the
    /// check: an edit is not held up by the directory (a product the reviewer asked to remove may
    /// be the one the subscription is for).
    mutating func edit(_ form: ClaimForm, claimsOnSameTenant: [Claim], directory: TenantDirectory) throws(ClaimError) {
        let state = claim.state
        let validation = form.validated(complete: state != .draft, against: state == .draft ? directory : .notLoaded)
        var issues: [ClaimField: FieldIssue]
        let details: ClaimDetails?
        switch validation {
        case .success(let valid): (issues, details) = ([:], valid)
        case .failure(let errors): (issues, details) = (errors.issues, nil)
        }
        // A field that may not change is reported as such even when its new value is also invalid.
        let before = ClaimForm(claim.details)
        for field in ClaimField.allCases where !state.editableFields.contains(field) {
            if before.comparable(field) != form.comparable(field) { issues[field] = .notEditable(state) }
        }
        guard issues.isEmpty, let details else { throw .invalidFields(FieldErrors(issues)) }

        let changes = claim.details.changes(to: details)
        guard !changes.isEmpty else { return }
        var edited = claim
        edited.details = details
        if state != .draft {
            try ClaimChange.refuseDuplicate(of: edited, among: claimsOnSameTenant)
        }
        let newlyCompeting = state == .draft ? [] : competing(edited, among: claimsOnSameTenant, notAlready: claim)
        claim.details = details
        for change in changes {
            record(.fieldChange(field: change.field, old: change.old, new: change.new))
        }
        flag(newlyCompeting)
    }

    mutating func addProofOfExecution(_ upload: ProofOfExecution.Upload) throws(ClaimError) {
        try ClaimChange.check(upload, against: claim.evidence)
        addEvidence(upload)
    }

    mutating func comment(_ text: String) throws(ClaimError) {
        addComment(try ClaimChange.required(text, or: .commentRequired))
    }

    static func check(_ upload: ProofOfExecution.Upload, against evidence: [ProofOfExecution]) throws(ClaimError) {
        guard upload.isWellFormed else { throw .invalidDocument(filename: upload.filename) }
        guard !evidence.contains(where: { $0.id == upload.id }) else { throw .duplicateDocument(upload.id) }
    }

    /// Trimmed free text that must not be empty.
    static func required(_ text: String, or error: ClaimError) throws(ClaimError) -> String {
        let trimmed = try optional(text)
        guard !trimmed.isEmpty else { throw error }
        return trimmed
    }

    /// Trimmed free text that may be empty.
    static func optional(_ text: String) throws(ClaimError) -> String {
        let trimmed = text.trimmingWhitespace
        guard trimmed.count <= Comment.maximumLength else { throw .commentTooLong(maximum: Comment.maximumLength) }
        return trimmed
    }
}
