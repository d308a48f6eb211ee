import Claims

/// The PoE checklist as the reviewer ticked it: sent as a GET (`checklist=1&shows=<item>…`), so
/// the decision forms re-render with the reasons for every unticked item already picked.
struct ReviewChecklist: Equatable, Sendable {
    /// Whether the reviewer sent the checklist at all; before that nothing is suggested.
    var submitted = false
    var shown: Set<PoEChecklistItem> = []

    init(submitted: Bool = false, shown: Set<PoEChecklistItem> = []) {
        self.submitted = submitted
        self.shown = shown
    }

    init(query: QueryItems) {
        submitted = query.contains("checklist")
        shown = Set(query.values("shows").compactMap(PoEChecklistItem.init(rawValue:)))
    }

    /// The items the PoE does not show, once the checklist has been sent.
    var failed: Set<PoEChecklistItem> { submitted ? Set(PoEChecklistItem.allCases).subtracting(shown) : [] }
}
