import Claims
import Foundation
import Templating

/// A claim's page on the partner's side: its notices, fields, PoE, comments, and the buttons for
/// exactly the actions the domain allows this user now.
struct ClaimShowPage: Page {
    static let template = "claims/show"
    var title: String
    var claim: ClaimSummary
    var notice: String?
    var alert: String?
    var situation: ClaimSituation
    var fields: [FieldRow]
    var documents: [DocumentRow]
    var comments: [CommentRow]
    var commentsWindow: ThreadWindowView?
    var actions: [ActionLink]
    var canUpload: Bool
    var uploadAction: String
    var uploadError: String?
    var canComment: Bool
    var commentAction: String
    var commentText: String
    var commentError: String?
    var maxUpload: String
    /// On a draft: what it still lacks before it can be submitted.
    var missing: [String]

    static let fields: TemplateFields<Self> = [
        .object("claim", \.claim), .optional("notice", \.notice), .optional("alert", \.alert),
        .object("situation", { $0.situation.isEmpty ? nil : $0.situation }),
        .list("fields", \.fields), .list("documents", \.documents), .list("comments", \.comments),
        .object("commentsWindow", \.commentsWindow), .list("actions", \.actions), .flag("canUpload", \.canUpload),
        .text("uploadAction", \.uploadAction),
        .optional("uploadError", \.uploadError), .flag("canComment", \.canComment),
        .text("commentAction", \.commentAction), .text("commentText", \.commentText),
        .optional("commentError", \.commentError), .text("maxUpload", \.maxUpload), .strings("missing", \.missing),
        .flag("hasMissing", { !$0.missing.isEmpty }),
        .text("editHref", { Route.claimPage(ClaimID($0.claim.id), .edit).href }),
    ]

    /// What the partner typed or chose on the page, kept when it is refused.
    struct Input {
        var commentText = ""
        var refusal: Refusal?
        var notice: ClaimNotice?
        /// On a draft: what the tenant directory finds wrong with it now.
        var directoryDisagreements = FieldErrors([:])
        /// Which comments to show (see `ThreadWindow`; nil: the latest).
        var commentsBefore: Int?
    }

    /// The buttons for the actions `allowed` (the domain's answer for this user now), most likely
    /// next step first, then "start a new claim from this one" once the outcome is settled, the
    /// history, and the destructive ones last, as secondary buttons.
    static func actions(for claim: Claim, allowed: [ActionKind], settled: Bool, localizer l: Localizer) -> [ActionLink] {
        let buttons: [(ActionKind, String, ClaimPage, String)] = [
            (.submit, "partner.action.submit", .submit, "primary"),
            (.resubmit, "partner.action.respond", .respond, "primary"),
            (.dispute, "partner.action.dispute", .dispute, "primary"),
            (.edit, "partner.action.edit", .edit, ""),
        ]
        let destructive: [(ActionKind, String, ClaimPage, String)] = [
            (.requestRejection, "partner.action.withdraw", .withdraw, "danger-quiet"),
            (.disassociate, "partner.action.disassociate", .disassociate, "danger-quiet"),
        ]
        func links(_ list: [(ActionKind, String, ClaimPage, String)]) -> [ActionLink] {
            list.filter { allowed.contains($0.0) }.map { _, key, page, tone in
                ActionLink(label: l(key), href: Route.claimPage(claim.id, page).href, tone: tone)
            }
        }
        var result = links(buttons)
        if settled {
            result.append(ActionLink(label: l("partner.action.copy"), href: Route.newClaim(from: claim.id).href, tone: "primary"))
        }
        result.append(ActionLink(label: l("partner.action.history"), href: Route.claimPage(claim.id, .history).href, tone: ""))
        return result + links(destructive)
    }

    init(claim: Claim, allowed: [ActionKind], presenter p: ClaimPresenter, maxUpload: Int, input: Input = Input()) {
        let l = p.localizer
        title = claim.details.name
        self.claim = p.summary(claim)
        notice = input.notice.map { l($0.messageKey) }
        canUpload = allowed.contains(.addProofOfExecution)
        canComment = allowed.contains(.addComment)
        // A refusal belongs beside its form; when that form is no longer offered (the claim moved
        // on meanwhile), it says itself at the top instead of being lost.
        alert = input.refusal?.alert
            ?? (canUpload ? nil : input.refusal?.documentsError) ?? (canComment ? nil : input.refusal?.textError)
        situation = ClaimSituation(claim, presenter: p)
        fields = p.fields(claim)
        documents = p.documents(claim)
        let window = ThreadWindow(total: claim.comments.count, before: input.commentsBefore, size: ThreadWindow.comments)
        comments = p.comments(window.items(claim.comments))
        commentsWindow = ThreadWindowView(window, summaryKey: "claim.comments.window", presenter: p) { before in
            Route.claim(claim.id, commentsBefore: before).href(fragment: "comments")
        }
        actions = Self.actions(for: claim, allowed: allowed, settled: claim.mayStartNewClaimFromIt(at: p.now), localizer: l)
        uploadAction = Route.claimPage(claim.id, .documents).href
        uploadError = input.refusal?.documentsError
        commentAction = Route.claimPage(claim.id, .comments).href
        commentText = input.commentText
        commentError = input.refusal?.textError
        self.maxUpload = p.dates.byteCount(Int64(maxUpload))
        missing = claim.state == .draft
            ? Self.missingForSubmission(claim, directoryDisagreements: input.directoryDisagreements, presenter: p) : []
    }

    /// The fields a draft still lacks, PoE if it has none, and what the tenant directory disagrees
    /// with (the field and why): the same list the submit page gives.
    static func missingForSubmission(_ claim: Claim, directoryDisagreements: FieldErrors, presenter p: ClaimPresenter) -> [String] {
        let l = p.localizer
        var missing = claim.details.missingForSubmission.issues.keys.sorted().map { l($0.messageKey) }
        if claim.evidence.isEmpty { missing.append(l("partner.confirm.submit.missing_poe")) }
        missing += directoryDisagreements.issues.keys.sorted().map { field in
            "\(l(field.messageKey)): \(ClaimFormPage.message(directoryDisagreements.issues[field]!, presenter: p))"
        }
        return missing
    }
}
