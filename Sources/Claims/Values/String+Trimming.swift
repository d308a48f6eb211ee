import Foundation

extension String {
    /// Form input arrives with stray spaces and newlines; none of them is ever meaningful.
    var trimmingWhitespace: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
