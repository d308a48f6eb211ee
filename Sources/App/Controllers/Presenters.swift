import Claims
import Foundation
import Storage

/// Makes the presenter a page needs: the request's language (with its dates, in the deployment's zone), and
/// the names of everyone the page mentions, read in one query.
struct Presenters: Sendable {
    let accounts: any AccountStore
    let calendar: BusinessCalendar
    let policy: Policy
    let clock: Clock

    /// For the person making the request: their language, and whose deadlines are theirs to keep.
    func presenter(_ context: RequestContext) -> ClaimPresenter {
        var presenter = ClaimPresenter(localizer: context.localizer, calendar: calendar, now: clock.now())
        presenter.policy = policy
        presenter.viewer = context.actor?.kind ?? .customer
        presenter.languages = context.languages.switchOptions(current: context.localizer.locale)
        return presenter
    }

    /// A presenter that knows the names of everyone the claim's page mentions: its filer, the
    /// assigned reviewer, comment and PoE authors, the people in its history and the reviewers
    /// history entries name (an assignment). One query, whatever the page is.
    func presenter(_ context: RequestContext, for claim: Claim, history: [HistoryEntry] = []) throws -> ClaimPresenter {
        var ids = Set([claim.createdBy.rawValue])
        func add(_ actor: Actor) {
            switch actor {
            case .partner(let user): ids.insert(user.id.rawValue)
            case .reviewer(let id): ids.insert(id.rawValue)
            case .customer, .system: break
            }
        }
        claim.comments.forEach { add($0.author) }
        claim.evidence.forEach { add($0.uploadedBy) }
        history.forEach { add($0.actor) }
        for entry in history {
            if let named = entry.messageArguments["reviewer"] { ids.insert(named) }
        }
        if let reviewer = claim.review.assignedReviewer { ids.insert(reviewer.rawValue) }
        if let request = claim.partnerAction { ids.insert(request.requestedBy.rawValue) }
        var presenter = presenter(context)
        presenter.userNames = try accounts.userNames(ids: ids)
        return presenter
    }

    /// The partner organization's name, or nil if the ID names none.
    func organizationName(_ id: OrganizationID) throws -> String? {
        guard let number = Int64(id.rawValue) else { return nil }
        return try accounts.organization(id: number)?.name
    }
}
