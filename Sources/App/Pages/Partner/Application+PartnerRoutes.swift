import Claims
import HTTP
import Storage

extension Application {
    /// The partner's pages beyond the dashboard. Every claim page first checks that the claim is
    /// visible to the user: another organization's claim gets the same 404 as a claim that does
    /// not exist, so its existence is never confirmed.
    func partnerRoute(_ route: Route, context: RequestContext) throws -> HTTPResponse {
        guard let user = context.user else { return .redirect(to: Route.login.path) }
        let actor = Self.actor(for: user)
        if case .claimDocument(let claimID, let documentID) = route {
            // Reviewers download PoE too: their pages link here.
            return try downloadDocument(claimID, documentID, actor: actor, context: context)
        }
        guard user.role.isPartner else {
            return errorPage(status: 403, context: context, messageKey: "error.forbidden.partnersOnly")
        }
        let isPost = context.request.method == "POST"
        switch route {
        case .newClaim:
            return try isPost ? createClaim(actor: actor, context: context) : newClaimForm(actor: actor, context: context)
        case .claimsExport:
            return try exportClaims(context: context)
        case .organizationUsers, .organizationUser:
            guard user.role == .globalAdmin, let organizationID = user.organizationID else {
                return errorPage(status: 403, context: context, messageKey: "error.forbidden.globalAdminOnly")
            }
            if case .organizationUser(let id) = route {
                return try changeUser(id, organizationID: organizationID, context: context)
            }
            return try isPost ? addUser(organizationID: organizationID, context: context)
                : usersPage(organizationID: organizationID, context: context)
        case .claim(let id, let page):
            guard let claim = try claims.claim(id), claim.isVisible(to: actor) else {
                return errorPage(status: 404, context: context)
            }
            return try claimPage(page, claim: claim, actor: actor, isPost: isPost, context: context)
        default:
            return errorPage(status: 404, context: context)
        }
    }

    private func claimPage(_ page: ClaimPage, claim: Claim, actor: Actor, isPost: Bool,
                           context: RequestContext) throws -> HTTPResponse {
        switch page {
        case .show: return try showClaim(claim, context: context)
        case .history: return try claimHistory(claim, context: context)
        case .edit:
            return try isPost ? saveEdit(claim, actor: actor, context: context) : editForm(claim, actor: actor, context: context)
        case .documents: return try uploadDocuments(claim, actor: actor, context: context)
        case .comments: return try addComment(claim, actor: actor, context: context)
        case .submit, .withdraw, .disassociate:
            return try isPost ? confirmAction(page, claim: claim, actor: actor, context: context)
                : confirmationPage(page, claim: claim, context: context)
        case .respond:
            return try isPost ? respond(claim, actor: actor, context: context) : respondPage(claim, context: context)
        case .dispute:
            return try isPost ? dispute(claim, actor: actor, context: context) : disputePage(claim, context: context)
        }
    }

    /// The claim version a form was based on; nil when the form did not say (never from our pages).
    func submittedVersion(_ context: RequestContext) -> Int? {
        context.form?.field("version").flatMap { Int($0) }
    }

    /// Applies `actions` one after another in one transaction, as one change to the claim, after
    /// checking the claim is still at `version`. `beforeCommit` runs once the domain has accepted
    /// everything and before the transaction commits (to store uploaded bytes), so a refusal
    /// leaves nothing behind.
    @discardableResult
    func perform(_ actions: [ClaimAction], on id: ClaimID, version: Int?, actor: Actor,
                 beforeCommit: () throws -> Void = {}) throws -> Transition {
        let now = clock.now()
        return try updateClaim(id, expectedVersion: version) { claim, others in
            var current = claim
            var history: [HistoryEntry] = []
            var emails: [OutgoingEmail] = []
            for action in actions {
                let step = try current.applying(action, by: actor, at: now, rules: rules, claimsOnSameTenant: others)
                current = step.claim
                history += step.history
                emails += step.emails
            }
            try beforeCommit()
            return Transition(claim: current, history: history, emails: emails)
        }
    }

}
