import Foundation

/// One message in the claim's thread between the partner organization and reviewers.
public struct Comment: Hashable, Codable, Sendable {
    public let author: Actor
    public let at: Date
    public let text: String

    public init(author: Actor, at: Date, text: String) {
        self.author = author
        self.at = at
        self.text = text
    }

    /// Long enough for any explanation; longer is a paste accident.
    public static let maximumLength = 4000
}
