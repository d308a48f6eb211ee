import Foundation

extension String {
    /// Form input arrives with stray spaces and newlines; none of them is ever meaningful.
    var trimmingWhitespace: String {
        // Most values have nothing to trim: seeing that at both ends spares a trip through NSString.
        if let first = unicodeScalars.first, let last = unicodeScalars.last,
           !Self.mayBeWhitespace(first), !Self.mayBeWhitespace(last) {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// False only for scalars certainly outside `.whitespacesAndNewlines`: ASCII other than
    /// tab, line feed, vertical tab, form feed, carriage return and space.
    private static func mayBeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII || (0x09...0x0D).contains(scalar.value) || scalar == " "
    }
}
