/// Anything shown to a user. The words live in the web app's message catalog, keyed by
/// locale; this module only names the entry and supplies the values to fill in.
public protocol MessageKeyed {
    var messageKey: String { get }
    var messageArguments: [String: String] { get }
}

extension MessageKeyed {
    public var messageArguments: [String: String] { [:] }
}
