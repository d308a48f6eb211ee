import Claims
import Storage

/// The review queue's query: which view, what was searched for, where the page starts.
struct ReviewQueueParameters: Equatable, Sendable {
    var view: ReviewQueueQuery.View = .all
    var search = ""
    var after: ReviewQueueCursor?

    init(view: ReviewQueueQuery.View = .all, search: String = "", after: ReviewQueueCursor? = nil) {
        self.view = view
        self.search = search
        self.after = after
    }

    init(_ query: QueryItems) {
        view = query["view"].flatMap(ReviewQueueQuery.View.init(rawValue:)) ?? .all
        search = String((query["q"] ?? "").prefix(200))
        after = query["after"].flatMap(ReviewQueueCursor.init)
    }

    var query: QueryItems {
        var query = QueryItems()
        query.append("view", view == .all ? nil : view.rawValue)
        query.append("q", search.isEmpty ? nil : search)
        query.append("after", after?.description)
        return query
    }
}

/// The review page's query: what the last POST did, the PoE checklist as ticked, and what a
/// reviewer entered, sent back from a confirmation page so the forms show it again.
struct ReviewClaimParameters: Equatable, Sendable {
    var done: ReviewStep?
    var checklist = ReviewChecklist()
    var input = ReviewInput()
    /// Which comments and history entries the page shows (see `ThreadWindow`; nil: the latest).
    var commentsBefore: Int?
    var historyBefore: Int?

    init(done: ReviewStep? = nil, checklist: ReviewChecklist = ReviewChecklist(), input: ReviewInput = ReviewInput(),
         commentsBefore: Int? = nil, historyBefore: Int? = nil) {
        self.done = done
        self.checklist = checklist
        self.input = input
        self.commentsBefore = commentsBefore
        self.historyBefore = historyBefore
    }

    init(_ query: QueryItems) {
        done = query["done"].flatMap(ReviewStep.init(rawValue:))
        checklist = ReviewChecklist(query: query)
        input = ReviewInput(fields: query.asTuples, step: query["step"].flatMap(ReviewStep.init(rawValue:)))
        // A version in a link is never trusted: decisions carry the one the page was rendered from.
        input.version = nil
        commentsBefore = Route.position(query["comments_before"])
        historyBefore = Route.position(query["history_before"])
    }

    var query: QueryItems {
        var query = QueryItems()
        query.append("done", done?.rawValue)
        query.append("checklist", checklist.submitted ? "1" : nil)
        for item in PoEChecklistItem.allCases where checklist.shown.contains(item) { query.append("shows", item.rawValue) }
        if let step = input.step {
            for (name, value) in input.hiddenFields where name != "version" { query.append(name, value) }
            query.append("step", step.rawValue)
        }
        query.append("comments_before", commentsBefore.map(String.init))
        query.append("history_before", historyBefore.map(String.init))
        return query
    }
}
