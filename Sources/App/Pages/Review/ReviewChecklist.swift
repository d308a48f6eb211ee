import Claims
import Templating

/// The PoE checklist as the reviewer ticked it: sent as a GET (`checklist=1&shows=<item>…`), so
/// the decision forms re-render with the reasons for every unticked item already picked.
struct ReviewChecklist {
    /// Whether the reviewer sent the checklist at all; before that nothing is suggested.
    var submitted = false
    var shown: Set<PoEChecklistItem> = []

    init() {}

    init(query: [(String, String)]) {
        submitted = query.contains { $0.0 == "checklist" }
        shown = Set(query.filter { $0.0 == "shows" }.compactMap { PoEChecklistItem(rawValue: $0.1) })
    }

    /// The items the PoE does not show, once the checklist has been sent.
    var failed: Set<PoEChecklistItem> { submitted ? Set(PoEChecklistItem.allCases).subtracting(shown) : [] }

    func value(localizer l: Localizer) -> TemplateValue {
        .list(PoEChecklistItem.allCases.map { item in
            ["value": .string(item.rawValue), "label": .string(l(item.messageKey)),
             "checked": .bool(shown.contains(item)), "failed": .bool(failed.contains(item))]
        })
    }
}
