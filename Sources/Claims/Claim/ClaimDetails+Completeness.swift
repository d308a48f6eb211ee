extension ClaimDetails {
    /// What still stops a submission; empty when the claim is complete.
    public var missingForSubmission: FieldErrors {
        switch ClaimForm(self).validated(complete: true) {
        case .success: FieldErrors([:])
        case .failure(let errors): errors
        }
    }

    /// What the tenant directory finds wrong with the claim (see `TenantDirectory.issues(for:)`);
    /// empty when it agrees, or when no directory is loaded. A draft with any of these cannot be submitted.
    public func directoryDisagreements(in directory: TenantDirectory) -> FieldErrors {
        FieldErrors(directory.issues(for: self))
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
