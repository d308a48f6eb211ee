import Foundation

extension Date {
    /// Instants in message arguments are ISO 8601 in UTC; the app formats them for the reader's locale and zone.
    var messageArgument: String { formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false)) }
}
