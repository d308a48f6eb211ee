import App
import Claims
import Foundation
import Storage

/// What `cpor directory` prints, as lines in the operator's language: every word from the catalog.
enum DirectoryReport {
    static func imported(_ figures: DirectoryFigures, file: String, reading: Duration, storing: Duration,
                         localizer l: Localizer) -> [String] {
        [l("directory.cli.imported", ["file": file].merging(counts(figures.counts)) { $1 }),
         l("directory.cli.timing", ["reading": seconds(reading, l), "storing": seconds(storing, l),
                                    "total": seconds(reading + storing, l)])]
    }

    static func refusal(_ error: DirectoryFileError, file: String, localizer l: Localizer) -> [String] {
        [l("directory.cli.refused", ["file": file])]
            + error.problems.map { "  " + l($0.messageKey, $0.messageArguments) }
            + (error.truncated ? ["  " + l("directory.cli.more_problems")] : [])
    }

    static func figures(_ figures: DirectoryFigures, localizer l: Localizer) -> [String] {
        var lines = [figures.isLoaded ? l("directory.cli.show.loaded", counts(figures.counts)) : l("directory.cli.show.none")]
        if let change = figures.lastChange {
            let at = change.at.ISO8601Format()
            lines.append(change.source.isEmpty ? l("directory.cli.show.cleared", ["at": at])
                                               : l("directory.cli.show.imported", ["file": change.source, "at": at]))
        }
        return lines
    }

    private static func counts(_ counts: DirectoryFigures.Counts) -> [String: String] {
        ["tenants": String(counts.tenants), "domains": String(counts.domains), "subscriptions": String(counts.subscriptionTotal),
         "active": String(counts.subscriptions[.active] ?? 0), "grace": String(counts.subscriptions[.grace] ?? 0),
         "disabled": String(counts.subscriptions[.disabled] ?? 0)]
    }

    /// Seconds with two decimals, written the way the operator's language writes numbers.
    static func seconds(_ duration: Duration, _ l: Localizer) -> String {
        let (whole, fraction) = duration.components
        return (Double(whole) + Double(fraction) / 1e18)
            .formatted(.number.precision(.fractionLength(2)).grouping(.never).locale(Locale(identifier: l.locale)))
    }
}
