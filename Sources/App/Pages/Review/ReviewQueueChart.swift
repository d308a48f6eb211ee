import Claims
import Storage
import Templating

/// The queue's counts as a small bar chart drawn on the server: one bar per state, its overdue
/// part in red. Geometry is computed here so the template only places the shapes and the text.
struct ReviewQueueChart {
    let counts: ReviewQueueCounts
    let localizer: Localizer

    static let width = 560
    static let labelWidth = 190
    static let barHeight = 22
    static let gap = 10
    /// Room right of the longest bar for its figures.
    static let figuresWidth = 150

    var value: TemplateValue {
        let l = localizer
        let largest = max(counts.states.map(\.total).max() ?? 0, 1)
        let span = Self.width - Self.labelWidth - Self.figuresWidth
        let bars: [TemplateValue] = counts.states.enumerated().map { index, count in
            let y = index * (Self.barHeight + Self.gap)
            let total = count.total == 0 ? 0 : max(2, count.total * span / largest)
            let overdue = count.overdue == 0 ? 0 : max(2, count.overdue * span / largest)
            let figures = l("review.chart.figures", ["total": String(count.total), "overdue": String(count.overdue)])
            return [
                "label": .string(l(count.state.messageKey)),
                "figures": .string(figures),
                "labelY": .int(y + Self.barHeight / 2 + 5),
                "y": .int(y),
                "x": .int(Self.labelWidth),
                "height": .int(Self.barHeight),
                "totalWidth": .int(total),
                "overdueWidth": .int(overdue),
                "figuresX": .int(Self.labelWidth + total + 8),
            ]
        }
        let totalOverdue = counts.states.map(\.overdue).reduce(0, +)
        let total = counts.states.map(\.total).reduce(0, +)
        return [
            "bars": .list(bars),
            "width": .int(Self.width),
            "height": .int(counts.states.count * (Self.barHeight + Self.gap) - Self.gap),
            "summary": .string(l("review.chart.summary", ["total": String(total), "overdue": String(totalOverdue)])),
        ]
    }
}
