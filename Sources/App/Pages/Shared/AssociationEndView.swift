import Claims
import Templating

/// How an approved association, or some of its workloads, ended after approval: the same notice
/// on the partner's claim page and the reviewer's.
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
        let ends = claim.approval?.ends ?? []
        return ends.enumerated().map { index, end in
            let date = dates.dateTime(end.endedAt)
            switch end.cause {
            case .customerDeclined:
                return AssociationEndView(title: localizer("claim.ended.customer_declined.title"),
                                          text: localizer("claim.ended.customer_declined.text", ["date": date]),
                                          comment: end.comment.isEmpty ? nil : end.comment)
            case .replaced:
                // The last end of an ended claim is the one that left it nothing.
                let whole = claim.state == .ended && index == ends.count - 1
                let products = words(end.products)
                return AssociationEndView(
                    title: localizer(whole ? "claim.ended.replaced.title" : "claim.ended.replaced.partly.title", ["products": products]),
                    text: localizer("claim.ended.replaced.text", [
                        "date": date, "products": products, "claim": end.replacedBy?.rawValue ?? "",
                        // To the minute: two uploads on one day are told apart.
                        "theirs": end.replacingLatestProofOfExecutionAt.map(dates.dateTime) ?? "—",
                        "own": end.latestProofOfExecutionAt.map(dates.dateTime) ?? "—",
                    ]),
                    comment: nil)
            }
        }
    }
}
