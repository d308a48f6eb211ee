import Claims
import Templating

/// How an approved association ended after approval: the same notice on the partner's claim page
/// and the reviewer's.
struct AssociationEndView: Templated, Equatable {
    var title: String
    var text: String
    /// The customer's reason, in their words.
    var comment: String?

    static let fields: TemplateFields<Self> = [
        .text("title", \.title), .text("text", \.text), .optional("comment", \.comment),
    ]
}

extension ClaimPresenter {
    /// Every end of the claim's association, oldest first.
    func associationEnds(_ claim: Claim) -> [AssociationEndView] {
        (claim.approval?.ends ?? []).map { end in
            switch end.cause {
            case .customerDeclined:
                AssociationEndView(title: localizer("claim.ended.customer_declined.title"),
                                   text: localizer("claim.ended.customer_declined.text", ["date": dates.dateTime(end.endedAt)]),
                                   comment: end.comment.isEmpty ? nil : end.comment)
            }
        }
    }
}
