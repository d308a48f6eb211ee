import Templating

/// The part of a long list a claim's page shows, so that a claim with thousands of comments or
/// history entries never renders them all at once: the latest `size` items, or with `before`
/// the `size` items before that position. Positions count from the oldest item, from 0, and do
/// not move when items are added, so a link to earlier items keeps showing the same ones. The
/// items stay oldest first.
struct ThreadWindow: Equatable {
    static let comments = 50
    static let history = 100

    let range: Range<Int>
    let total: Int
    let size: Int

    /// `before` past the end, or 0 or less (before nothing), shows the latest items.
    init(total: Int, before: Int?, size: Int) {
        let end = before.map { $0 > 0 && $0 < total ? $0 : total } ?? total
        range = max(0, end - size)..<end
        self.total = total
        self.size = size
    }

    /// Whether some items are left out.
    var isPartial: Bool { range.count < total }

    /// `before` for the page of earlier items; nil when this one starts at the oldest.
    var earlier: Int? { range.lowerBound > 0 ? range.lowerBound : nil }

    /// Whether later items exist.
    var hasLater: Bool { range.upperBound < total }

    /// `before` for the page of later items: nil for the latest, which is the page without one.
    var later: Int? { range.upperBound + size < total ? range.upperBound + size : nil }

    /// The items of `all` in the window.
    func items<Item>(_ all: [Item]) -> ArraySlice<Item> { all[range.clamped(to: all.indices)] }
}

/// What a page says about a `ThreadWindow` that leaves items out: which ones it shows, and the
/// links to the earlier and later ones.
struct ThreadWindowView: Templated {
    var summary: String
    var earlierHref: String?
    var laterHref: String?

    static let fields: TemplateFields<Self> = [
        .text("summary", \.summary), .optional("earlierHref", \.earlierHref), .optional("laterHref", \.laterHref),
    ]

    /// Nil when the window shows every item. `summaryKey` names "{first}–{last} of {total}" for
    /// the kind of item; `href` makes the link for a `before` (nil: the latest).
    init?(_ window: ThreadWindow, summaryKey: String, presenter p: ClaimPresenter, href: (Int?) -> String) {
        guard window.isPartial else { return nil }
        summary = p.localizer(summaryKey, ["first": p.dates.number(window.range.lowerBound + 1),
                                           "last": p.dates.number(window.range.upperBound),
                                           "total": p.dates.number(window.total)])
        earlierHref = window.earlier.map { href($0) }
        laterHref = window.hasLater ? href(window.later) : nil
    }
}
