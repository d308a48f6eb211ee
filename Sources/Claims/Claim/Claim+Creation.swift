import Foundation

extension Claim {
    /// A new claim in Draft, filed by a partner user for their own organization.
    /// A draft needs only a name; everything it does contain must already be well formed, and
    /// agree with the tenant directory when one is loaded.
    /// - Parameters:
    ///   - id: allocated by the store.
    ///   - directory: the directory's entry for the form's tenant, if a directory is loaded.
    public static func draft(id: ClaimID, form: ClaimForm, by actor: Actor, at now: Date,
                             directory: TenantDirectory = .notLoaded) throws(ClaimError) -> Transition {
        guard case .partner(let user) = actor else {
            throw .creationNotAllowed(actor: actor.kind)
        }
        let details: ClaimDetails
        switch form.validated(complete: false, against: directory) {
        case .success(let valid): details = valid
        case .failure(let errors): throw .invalidFields(errors)
        }
        let claim = Claim(
            id: id, version: 1, organization: user.organization, createdBy: user.id, createdAt: now,
            state: .draft, details: details
        )
        return Transition(claim: claim, history: [HistoryEntry(claimID: id, at: now, actor: actor, event: .created)], emails: [])
    }
}
