import Claims
import Foundation
import Templating

/// Turns claims and their history into the values templates show. Shared by the partner's and the
/// reviewer's pages, so a state, a deadline or a history line reads the same everywhere.
struct ClaimPresenter {
    let localizer: Localizer
    let dates: DateDisplay
    let calendar: BusinessCalendar
    let now: Date
    /// User IDs → names, for history lines and comment authors.
    var userNames: [String: String] = [:]

    /// CSS modifier for a state badge: one colour per kind of situation, not per state.
    static func badgeTone(_ state: ClaimState) -> String {
        switch state {
        case .draft: "grey"
        case .submitted, .inReview: "info"
        case .partnerActionRequired, .disputed: "warn"
        case .approved: "ok"
        case .rejected, .rejectedFinal: "bad"
        }
    }

    func state(_ claim: Claim) -> TemplateValue {
        [
            "key": .string(claim.state.rawValue),
            "label": .string(localizer(claim.statusMessageKey)),
            "tone": .string(Self.badgeTone(claim.state)),
        ]
    }

    /// The deadline that applies now: what it is, when, how long is left, and whether it passed.
    func deadline(_ claim: Claim) -> TemplateValue { deadline(claim.currentDeadline) }

    /// A deadline read from elsewhere than a loaded claim (e.g. a row of the review queue).
    func deadline(_ deadline: Deadline?) -> TemplateValue {
        guard let deadline else { return .null }
        let overdue = deadline.isOverdue(at: now)
        let remaining: String
        switch deadline.kind {
        case .consentWindow, .disputeWindow:
            let days = Int((deadline.remaining(at: now) / 86_400).rounded(.up))
            remaining = overdue ? localizer("deadline.passed") : localizer(days == 1 ? "deadline.days.one" : "deadline.days.other", ["count": String(days)])
        case .pickUp, .decision, .partnerResponse, .disputeAnswer:
            if overdue {
                // Business days from the first day past the deadline through today.
                let late = calendar.businessDays(from: calendar.day(containing: deadline.dueAt),
                                                 through: calendar.day(containing: now))
                remaining = late <= 0 ? localizer("deadline.passed")
                    : localizer(late == 1 ? "deadline.overdue.one" : "deadline.overdue.other", ["count": String(late)])
            } else {
                // Business days from today through the deadline's last day, today counting as one.
                let days = calendar.businessDays(from: calendar.day(containing: now),
                                                 through: calendar.day(containing: deadline.dueAt.addingTimeInterval(-0.001)))
                remaining = localizer(days <= 1 ? "deadline.business_days.one" : "deadline.business_days.other", ["count": String(max(days, 1))])
            }
        }
        return [
            "kind": .string(deadline.kind.rawValue),
            "label": .string(localizer(deadline.kind.messageKey)),
            "day": .string(dates.lastDay(endingAt: deadline.dueAt)),
            "at": .string(dates.iso(deadline.dueAt)),
            "remaining": .string(remaining),
            "overdue": .bool(overdue),
        ]
    }

    func products(_ claim: Claim) -> TemplateValue {
        .list(claim.details.products.map { ["key": .string($0.rawValue), "label": .string(localizer($0.messageKey))] })
    }

    /// Every field of the claim, labelled, in the order the form asks for them.
    func fields(_ claim: Claim) -> TemplateValue {
        let d = claim.details
        func field(_ f: ClaimField, _ value: String?) -> TemplateValue {
            ["key": .string(f.rawValue), "label": .string(localizer(f.messageKey)), "value": .string(value ?? "")]
        }
        return .list([
            field(.name, d.name),
            field(.partnerLocationID, d.partnerLocationID?.rawValue),
            field(.customerName, d.customer.name),
            field(.customerDomain, d.customer.domain?.rawValue),
            field(.tenantID, d.customer.tenantID?.rawValue),
            field(.solutionArea, d.solutionArea.map { localizer($0.messageKey) }),
            field(.products, d.products.map { localizer($0.messageKey) }.joined(separator: ", ")),
            field(.activity, d.activity.map { localizer($0.messageKey) }),
            field(.subscriptionID, d.subscriptionID?.rawValue),
            field(.customerContactName, d.customerContact.name),
            field(.customerContactTitle, d.customerContact.title),
            field(.customerContactEmail, d.customerContact.email?.rawValue),
            field(.partnerContactName, d.partnerContact.name),
            field(.partnerContactEmail, d.partnerContact.email?.rawValue),
        ])
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

    func documents(_ claim: Claim) -> TemplateValue {
        .list(claim.evidence.reversed().map { document in
            [
                "id": .string(document.id.rawValue),
                "href": .string(Route.claimDocument(claim.id, document.id).path),
                "filename": .string(document.filename),
                "size": .string(Self.byteCount(document.size)),
                "contentType": .string(document.contentType),
                "uploadedBy": .string(actorName(document.uploadedBy)),
                "uploadedAt": .string(dates.dateTime(document.uploadedAt)),
            ]
        })
    }

    /// Oldest first, as a conversation reads.
    func comments(_ claim: Claim) -> TemplateValue {
        .list(claim.comments.map { comment in
            [
                "author": .string(actorName(comment.author)),
                "role": .string(actorRole(comment.author)),
                "fromReviewer": .bool(comment.author.kind == .reviewer),
                "at": .string(dates.dateTime(comment.at)),
                "iso": .string(dates.iso(comment.at)),
                "text": .string(comment.text),
            ]
        })
    }

    /// Oldest first, every entry with who and when.
    func history(_ entries: [HistoryEntry]) -> TemplateValue {
        .list(entries.map { entry in
            var reasons: [String] = []
            // A rejection or a request for action reads as a bare state change without its reasons.
            if case .stateChange(_, _, let keys, _) = entry.event { reasons = keys.map { localizer($0) } }
            return [
                "reasons": .string(reasons.joined(separator: ", ")),
                "kind": .string(entry.kind.rawValue),
                "text": .string(localizer.message(entry, dates: dates, names: userNames)),
                "who": .string(actorName(entry.actor)),
                "role": .string(actorRole(entry.actor)),
                "at": .string(dates.dateTime(entry.at)),
                "iso": .string(dates.iso(entry.at)),
            ]
        })
    }

    static func byteCount(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }
}
