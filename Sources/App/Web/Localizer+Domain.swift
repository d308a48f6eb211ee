import Claims
import Foundation

extension Localizer {
    /// The text of a domain message (an error, a history entry, a reason …) with its arguments
    /// made readable: argument values that are themselves message keys (or comma-separated lists
    /// of keys) are translated, ISO dates are shown in this language and the deployment's zone, and `names` turns
    /// user IDs into people's names.
    func message(_ keyed: some MessageKeyed, names: [String: String] = [:]) -> String {
        var arguments: [String: String] = [:]
        for (name, value) in keyed.messageArguments {
            arguments[name] = readable(value, argument: name, names: names)
        }
        return self(keyed.messageKey, arguments)
    }

    private func readable(_ value: String, argument: String, names: [String: String]) -> String {
        if ["reviewer", "user", "by"].contains(argument), let name = names[value] { return name }
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if !value.isEmpty, parts.allSatisfy({ lookup($0) != nil }) {
            return parts.map { self($0) }.joined(separator: ", ")
        }
        if value.count == 20, value.hasSuffix("Z"), let date = try? Date(value, strategy: .iso8601) {
            return dates.dateTime(date)
        }
        return value
    }
}
