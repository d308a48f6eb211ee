import Claims
import Foundation

/// Turns claims and their history into the values templates show. Shared by the partner's and the
/// reviewer's pages, so a state, a deadline or a history line reads the same everywhere.
struct ClaimPresenter: Sendable {
    let localizer: Localizer
    let calendar: BusinessCalendar
    let now: Date
    /// The deployment's policy: which consent rule the pages state.
    var policy = Policy.standard
    /// Who is looking: a passed deadline is an alarm only for the side that has to act on it.
    /// Nil shows every passed deadline as overdue.
    var viewer: ActorKind?
    /// User IDs → names, for history lines and comment authors.
    var userNames: [String: String] = [:]
    /// The languages the service speaks, each named in itself: the customer contact's language is
    /// chosen from them and shown by name.
    var languages: [Layout.LanguageOption] = []

    /// Dates and numbers in the viewer's language.
    var dates: DateDisplay { localizer.dates }

    /// CSS modifier for a state badge: one colour per kind of situation, not per state.
    static func badgeTone(_ state: ClaimState) -> String {
        switch state {
        case .draft: "grey"
        case .submitted, .inReview: "info"
        case .partnerActionRequired, .disputed: "warn"
        case .approved: "ok"
        case .rejected, .rejectedFinal, .ended: "bad"
        }
    }

    func state(_ claim: Claim) -> StateBadge {
        StateBadge(key: claim.state.rawValue, label: localizer(claim.statusMessageKey), tone: Self.badgeTone(claim.state))
    }

    /// A state read from elsewhere than a loaded claim (a row of a list), with the facts that refine its label.
    func state(_ state: ClaimState, sentForIncentiveEvaluation: Bool = false, endCause: AssociationEnd.Cause? = nil) -> StateBadge {
        let status = ValueLabels.Status(state: state, sentForIncentiveEvaluation: sentForIncentiveEvaluation, endCause: endCause)
        return StateBadge(key: state.rawValue, label: localizer.labels.statuses[status]!, tone: Self.badgeTone(state))
    }

    func summary(_ claim: Claim) -> ClaimSummary {
        ClaimSummary(id: claim.id.rawValue, name: claim.details.name, href: Route.claim(claim.id).href,
                     historyHref: Route.claimPage(claim.id, .history).href, state: state(claim),
                     deadline: deadline(claim.currentDeadline), version: claim.version)
    }

    /// The deadline that applies now: what it is, by the end of which day (in the deployment's
    /// zone), how much is left, and whether it passed. Whole days are counted after today, so the
    /// deadline's own day reads "last day" and a five-business-day deadline starts at five.
    /// Passed deadlines sound the alarm only to the side that has to act on them (`viewer`).
    func deadline(_ deadline: Deadline?) -> DeadlineView? {
        guard let deadline else { return nil }
        let overdue = deadline.isOverdue(at: now)
        let today = calendar.day(containing: now)
        let lastDay = calendar.day(containing: deadline.dueAt.addingTimeInterval(-0.001))
        let remaining: String
        if overdue {
            switch deadline.kind {
            case .consentWindow, .disputeWindow:
                remaining = localizer("deadline.passed")
            case .pickUp, .decision, .partnerResponse, .disputeAnswer:
                // Business days from the first day past the deadline through today.
                let late = calendar.businessDays(from: lastDay.adding(days: 1), through: today)
                remaining = late <= 0 ? localizer("deadline.passed")
                    : localizer.plural("deadline.overdue", count: late)
            }
        } else {
            let left: Int
            let unit: String
            switch deadline.kind {
            case .consentWindow, .disputeWindow:
                left = lastDay.dayNumber - today.dayNumber
                unit = "deadline.days"
            case .pickUp, .decision, .partnerResponse, .disputeAnswer:
                left = calendar.businessDays(from: today.adding(days: 1), through: lastDay)
                unit = "deadline.business_days"
            }
            remaining = left <= 0 ? localizer("deadline.last_day")
                : localizer.plural(unit, count: left)
        }
        return DeadlineView(kind: deadline.kind.rawValue, label: localizer.labels.deadlineKinds[deadline.kind],
                            day: dates.deadline(endingAt: deadline.dueAt), zone: dates.zoneName(at: deadline.dueAt.addingTimeInterval(-60)),
                            at: dates.iso(deadline.dueAt),
                            remaining: remaining, overdue: overdue && (viewer.map { $0 == deadline.kind.owner } ?? true))
    }

    /// `deadline(_:)` for every row of a list: each distinct deadline is worked out once, since
    /// many rows share a due date (deadlines end with a business day).
    func deadlines(_ deadlines: [Deadline?]) -> [DeadlineView?] {
        var seen: [Deadline: DeadlineView] = [:]
        return deadlines.map { deadline in
            guard let deadline else { return nil }
            if let view = seen[deadline] { return view }
            let view = self.deadline(deadline)
            seen[deadline] = view
            return view
        }
    }

    /// Every field of the claim, labelled, in the order the form asks for them.
    func fields(_ claim: Claim) -> [FieldRow] {
        let d = claim.details
        func field(_ f: ClaimField, _ value: String?) -> FieldRow {
            FieldRow(key: f.rawValue, label: localizer(f.messageKey), value: value ?? "")
        }
        return [
            field(.name, d.name),
            field(.partnerLocationID, d.partnerLocationID?.rawValue),
            field(.customerName, d.customer.name),
            field(.customerDomain, d.customer.domain?.rawValue),
            field(.tenantID, d.customer.tenantID?.rawValue),
            field(.solutionArea, d.solutionArea.map { localizer($0.messageKey) }),
            field(.products, words(d.products)),
            field(.activity, d.activity.map { localizer($0.messageKey) }),
            field(.subscriptionID, d.subscriptionID?.rawValue),
            field(.customerContactName, d.customerContact.name),
            field(.customerContactTitle, d.customerContact.title),
            field(.customerContactEmail, d.customerContact.email?.rawValue),
            field(.customerContactLanguage, d.customerContact.language.map { code in languages.first { $0.code == code }?.name ?? code }),
            field(.partnerContactName, d.partnerContact.name),
            field(.partnerContactEmail, d.partnerContact.email?.rawValue),
        ]
    }

    /// The tenant directory's notice on an approved association, as both sides read it; nil without one.
    func subscriptionNotice(_ claim: Claim) -> String? {
        claim.subscriptionNotice.map { notice in
            localizer("directory.notice.text", ["subscription": notice.subscriptionID.rawValue,
                                                "status": localizer(notice.status.messageKey),
                                                "checked": dates.dateTime(notice.checkedAt)])
        }
    }

    /// Domain values (products, reasons …) in words, joined by commas.
    func words(_ values: [some MessageKeyed]) -> String {
        values.map { localizer($0.messageKey) }.joined(separator: ", ")
    }

    /// `words` for the products and rejection reasons of list rows, from the labels looked up once.
    func words(_ products: [Product]) -> String {
        products.map { localizer.labels.products[$0] }.joined(separator: ", ")
    }

    func words(_ reasons: [RejectionReason]) -> String {
        reasons.map { localizer.labels.rejectionReasons[$0] }.joined(separator: ", ")
    }

    func actorName(_ actor: Actor) -> String {
        switch actor {
        case .partner(let user): userNames[user.id.rawValue] ?? localizer("actor.partner")
        case .reviewer(let id): userNames[id.rawValue] ?? localizer("actor.reviewer")
        case .customer: localizer("actor.customer")
        case .system: localizer("actor.system")
        }
    }

    func actorRole(_ actor: Actor) -> String {
        switch actor {
        case .partner(let user): localizer(user.role.messageKey)
        case .reviewer, .customer, .system: localizer(actor.kind.messageKey)
        }
    }

    /// Newest first; reviewers also get a preview link for the types a browser shows safely.
    func documents(_ claim: Claim, withPreviews: Bool = false) -> [DocumentRow] {
        claim.evidence.reversed().map { document in
            DocumentRow(
                href: Route.document(claim.id, document.id).href, filename: document.filename,
                size: dates.byteCount(Int64(document.size)), uploadedBy: actorName(document.uploadedBy),
                uploadedAt: dates.dateTime(document.uploadedAt),
                previewHref: withPreviews && DocumentPreview.isPreviewable(contentType: document.contentType)
                    ? Route.document(claim.id, document.id, inline: true).href : nil)
        }
    }

    /// Oldest first, as a conversation reads.
    func comments(_ comments: ArraySlice<Comment>) -> [CommentRow] {
        comments.map { comment in
            CommentRow(author: actorName(comment.author), role: actorRole(comment.author),
                       fromReviewer: comment.author.kind == .reviewer, at: dates.dateTime(comment.at),
                       iso: dates.iso(comment.at), text: comment.text)
        }
    }

    /// Oldest first, every entry with who and when, its values as the pages show them, and the
    /// comment that went with a change of state (a rejection, a dispute, its decision).
    func history(_ entries: [HistoryEntry]) -> [HistoryRow] {
        entries.map { entry in
            var reasons: [String] = []
            var comment = ""
            var text: String
            switch entry.event {
            case .stateChange(_, _, let keys, let said):
                // A rejection or a request for action reads as a bare state change without its reasons.
                reasons = keys.map { localizer($0) }
                comment = said
                text = localizer.message(entry, names: userNames)
            case .fieldChange(let field, let old, let new):
                text = localizer(entry.messageKey, ["field": localizer(field.messageKey),
                                                    "old": fieldValue(field, old), "new": fieldValue(field, new)])
            default:
                text = localizer.message(entry, names: userNames)
            }
            return HistoryRow(text: text, reasons: reasons.joined(separator: ", "), comment: comment,
                              who: actorName(entry.actor), role: actorRole(entry.actor), at: dates.dateTime(entry.at),
                              iso: dates.iso(entry.at))
        }
    }

    /// A field's stored value as the form shows it: products, solution areas and activities by name.
    func fieldValue(_ field: ClaimField, _ value: String) -> String {
        switch field {
        case .products:
            value.split(separator: ",").map { raw in
                let name = raw.trimmingCharacters(in: .whitespaces)
                return Product(rawValue: name).map { localizer($0.messageKey) } ?? name
            }.joined(separator: ", ")
        case .solutionArea: SolutionArea(rawValue: value).map { localizer($0.messageKey) } ?? value
        case .activity: Activity(rawValue: value).map { localizer($0.messageKey) } ?? value
        default: value
        }
    }

    /// Choices for a select or a set of checkboxes, from domain values.
    func choices<Value: MessageKeyed & RawRepresentable>(_ values: [Value], selected: (Value) -> Bool) -> [Choice]
    where Value.RawValue == String {
        values.map { Choice(value: $0.rawValue, label: localizer($0.messageKey), selected: selected($0)) }
    }

}
