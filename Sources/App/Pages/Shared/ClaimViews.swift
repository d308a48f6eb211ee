import Templating

/// A claim's state as a badge: its label and one colour per kind of situation.
struct StateBadge: Templated, Equatable {
    var key: String
    var label: String
    var tone: String

    static let fields: TemplateFields<Self> = [.text("key", \.key), .text("label", \.label), .text("tone", \.tone)]
}

/// The deadline that applies now: what it is, when, how long is left, and whether it passed.
/// A class, as list rows are: many rows share one (see `ClaimPresenter.deadlines`), and the
/// template copies each into its scope, which for a reference is one retain, not one per string.
final class DeadlineView: Templated {
    let kind: String
    let label: String
    /// The deadline's last day, "Mon, 7 Dec 2026".
    let day: String
    /// The zone that day is counted in.
    let zone: String
    let at: String
    let remaining: String
    /// Passed, and the viewer's to act on.
    let overdue: Bool

    init(kind: String, label: String, day: String, zone: String, at: String, remaining: String, overdue: Bool) {
        self.kind = kind
        self.label = label
        self.day = day
        self.zone = zone
        self.at = at
        self.remaining = remaining
        self.overdue = overdue
    }

    static let fields: TemplateFields<DeadlineView> = [
        .text("kind", \.kind), .text("label", \.label), .text("day", \.day), .text("zone", \.zone), .text("at", \.at),
        .text("remaining", \.remaining), .flag("overdue", \.overdue),
    ]
}

/// What every page about one claim shows at its top.
struct ClaimSummary: Templated {
    var id: String
    var name: String
    var href: String
    var historyHref: String
    var state: StateBadge
    var deadline: DeadlineView?
    var version: Int

    static let fields: TemplateFields<Self> = [
        .text("id", \.id), .text("name", \.name), .text("href", \.href), .text("historyHref", \.historyHref),
        .object("state", \.state), .object("deadline", \.deadline), .number("version", \.version),
    ]
}

/// One labelled field of a claim, read-only.
struct FieldRow: Templated {
    var key: String
    var label: String
    var value: String

    static let fields: TemplateFields<Self> = [.text("key", \.key), .text("label", \.label), .text("value", \.value)]
}

struct DocumentRow: Templated {
    var href: String
    var filename: String
    var size: String
    var uploadedBy: String
    var uploadedAt: String
    /// Only where the page offers a preview (reviewers, for PDF and images).
    var previewHref: String?

    static let fields: TemplateFields<Self> = [
        .text("href", \.href), .text("filename", \.filename), .text("size", \.size),
        .text("uploadedBy", \.uploadedBy), .text("uploadedAt", \.uploadedAt), .optional("previewHref", \.previewHref),
    ]
}

struct CommentRow: Templated {
    var author: String
    var role: String
    var fromReviewer: Bool
    var at: String
    var iso: String
    var text: String

    static let fields: TemplateFields<Self> = [
        .text("author", \.author), .text("role", \.role), .flag("fromReviewer", \.fromReviewer),
        .text("at", \.at), .text("iso", \.iso), .text("text", \.text),
    ]
}

struct HistoryRow: Templated {
    var text: String
    /// The reasons beside a rejection or a request for action; empty otherwise.
    var reasons: String
    /// What was said with a change of state; empty otherwise.
    var comment: String
    var who: String
    var role: String
    var at: String
    var iso: String

    static let fields: TemplateFields<Self> = [
        .text("text", \.text), .text("reasons", \.reasons), .text("comment", \.comment), .text("who", \.who),
        .text("role", \.role),
        .text("at", \.at), .text("iso", \.iso),
    ]
}

/// A choice in a select, a checkbox or a radio button.
struct Choice: Templated, Equatable {
    var value: String
    var label: String
    var selected: Bool

    static let fields: TemplateFields<Self> = [
        .text("value", \.value), .text("label", \.label), .flag("selected", \.selected), .flag("checked", \.selected),
    ]
}

/// A link shown as a button.
struct ActionLink: Templated, Equatable {
    var label: String
    var href: String
    var tone: String

    static let fields: TemplateFields<Self> = [.text("label", \.label), .text("href", \.href), .text("tone", \.tone)]
}
