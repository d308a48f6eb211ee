extension ClaimDetails {
    /// What still stops a submission; empty when the claim is complete.
    public var missingForSubmission: FieldErrors {
        switch ClaimForm(self).validated(complete: true) {
        case .success: FieldErrors([:])
        case .failure(let errors): errors
        }
    }

    /// Fields whose value differs, with old and new as text for the history.
    func changes(to new: ClaimDetails) -> [(field: ClaimField, old: String, new: String)] {
        let before = ClaimForm(self), after = ClaimForm(new)
        return ClaimField.allCases.compactMap { field in
            let old = before.value(of: field), new = after.value(of: field)
            return old == new ? nil : (field, old, new)
        }
    }
}
