import Claims
import Foundation
import HTTP
import Storage

/// The reviewer's pages: the queue across organizations, a claim's review page, and each step
/// (start, take over, decide, comment). A decision's first POST is checked against the domain
/// without saving and answered with a confirmation page; the confirmed POST saves it, but only if
/// the claim is still the version the reviewer looked at.
struct ReviewController: Sendable {
    let updates: ClaimUpdates
    let presenters: Presenters
    let accounts: any AccountStore
    let pages: PageRenderer
    let clock: Clock
    let queueCounts: ReviewQueueCountsCache

    private var store: any ClaimQueries { updates.store }

    func queue(_ parameters: ReviewQueueParameters, context: RequestContext) throws -> HTTPResponse {
        let reviewer = try reviewerID(context)
        let now = clock.now()
        let query = ReviewQueueQuery(view: parameters.view, reviewer: reviewer.rawValue, search: parameters.search,
                                     after: parameters.after, now: now)
        let page = try store.reviewQueue(query)
        let counts = try queueCounts.counts(at: now) { try store.reviewQueueCounts(at: now) }
        let model = ReviewerQueuePage(page: page, counts: counts, parameters: parameters, reviewer: reviewer.rawValue,
                                      presenter: presenters.presenter(context))
        return pages.render(model, context: context)
    }

    func claim(_ id: ClaimID, _ parameters: ReviewClaimParameters, context: RequestContext) throws -> HTTPResponse {
        guard let claim = try store.claim(id) else { throw HTTPError.notFound }
        return try reviewPage(claim, parameters: parameters, context: context)
    }

    /// The review page for `claim`, with `parameters.input` kept in its forms and, when something
    /// was refused, `refusal` at the top with its status.
    private func reviewPage(_ claim: Claim, parameters: ReviewClaimParameters, refusal: Refusal? = nil,
                            context: RequestContext) throws -> HTTPResponse {
        let reviewer = try reviewerID(context)
        let others = try store.claimsOnSameTenant(as: claim)
        let history = try store.history(of: claim.id)
        let presenter = try presenters.presenter(context, for: claim, history: history)
        let competing = try self.competing(with: claim, among: others)
        let facts = ReviewClaimPage.Facts(
            claim: claim, history: history,
            organization: try presenters.organizationName(claim.organization) ?? claim.organization.rawValue,
            competing: competing, availability: updates.availability(of: claim, for: .reviewer(reviewer), others: others),
            reviewer: reviewer)
        let page = ReviewClaimPage(facts, presenter: presenter, parameters: parameters, refusal: refusal)
        return pages.render(page, status: refusal?.status ?? .ok, context: context)
    }

    /// The claims sharing a workload with `claim`, each with the workloads they share and its organization's name.
    private func competing(with claim: Claim, among others: [Claim]) throws -> [(claim: Claim, shared: [Product], organization: String)] {
        try claim.conflicts(among: others).compactMap { conflict in
            guard let other = others.first(where: { $0.id == conflict.other }) else { return nil }
            return (other, conflict.products, try presenters.organizationName(other.organization) ?? other.organization.rawValue)
        }
    }

    func act(_ step: ReviewStep, on id: ClaimID, context: RequestContext) throws -> HTTPResponse {
        // The confirmation page does not show the thread; a refusal reads the claim whole again.
        guard let claim = try store.claimWithoutComments(id) else { throw HTTPError.notFound }
        let l = context.localizer
        let reviewer = try reviewerID(context)
        let actor = Actor.reviewer(reviewer)
        let input = ReviewInput(fields: context.form.fields, step: step)
        return try Refusal.catching(localizer: l, {
            guard let action = input.action(for: step, reviewer: reviewer) else {
                throw Refusal(status: .unprocessableContent, message: l("review.error.decision_required"), place: .text)
            }
            // Comments never clash with a decision; everything else must be made on what the reviewer saw.
            let expectedVersion = step == .comment ? nil : input.version
            if step != .comment, expectedVersion == nil {
                throw Refusal(status: .unprocessableContent, message: l("review.error.version_missing"))
            }
            if let expectedVersion, expectedVersion != claim.version {
                throw Refusal(status: .conflict, message: try changedMessage(claim, localizer: l))
            }
            if step.needsConfirmation, !input.confirmed {
                // Checked against the domain without saving, so a refusal shows before the confirmation.
                let others = try store.claimsOnSameTenant(as: claim)
                _ = try claim.applying(action, by: actor, at: clock.now(), rules: updates.rules, claimsOnSameTenant: others)
                return try confirmation(claim, step: step, input: input, others: others, context: context)
            }
            do {
                try updates.perform([action], on: id, version: expectedVersion, by: actor)
            } catch ClaimStoreError.changedSinceRead {
                let fresh = try store.claim(id) ?? claim
                throw Refusal(status: .conflict, message: try changedMessage(fresh, localizer: l))
            }
            return .redirect(to: Route.reviewClaim(id, ReviewClaimParameters(done: step))
                .href(fragment: step == .comment ? "comments" : nil))
        }, refused: { refusal in
            try reviewPage(try store.claim(id) ?? claim, parameters: ReviewClaimParameters(input: input), refusal: refusal,
                           context: context)
        })
    }

    private func changedMessage(_ claim: Claim, localizer l: Localizer) throws -> String {
        let assignee = try claim.review.assignedReviewer.flatMap { Int64($0.rawValue) }.flatMap { try accounts.user(id: $0) }
        return l(assignee == nil ? "review.error.changed" : "review.error.changed_assigned", [
            "claim": claim.id.rawValue, "state": l(claim.statusMessageKey), "reviewer": assignee?.name ?? "",
        ])
    }

    private func confirmation(_ claim: Claim, step: ReviewStep, input: ReviewInput, others: [Claim],
                              context: RequestContext) throws -> HTTPResponse {
        let presenter = presenters.presenter(context)
        let assignee = try claim.review.assignedReviewer.flatMap { Int64($0.rawValue) }.flatMap { try accounts.user(id: $0) }
        let arguments = ["claim": claim.id.rawValue, "customer": claim.details.customer.name,
                         "organization": try presenters.organizationName(claim.organization) ?? claim.organization.rawValue,
                         "reviewer": assignee?.name ?? ""]
        let takesOver = ReviewClaimPage.takesOver(claim, among: try competing(with: claim, among: others),
                                                  localizer: context.localizer, presenter: presenter)
        let page = ReviewConfirmPage(claim: claim, step: step, input: input, arguments: arguments, takesOver: takesOver,
                                     presenter: presenter)
        return pages.render(page, context: context)
    }

    private func reviewerID(_ context: RequestContext) throws -> UserID {
        guard let user = context.user, user.role == .reviewer else { throw HTTPError(.forbidden) }
        return UserID(String(user.id))
    }
}
