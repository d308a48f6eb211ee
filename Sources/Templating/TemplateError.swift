/// A problem in a template, pointing at the offending tag so it can be fixed from the message alone.
///
/// Syntax errors surface when templates are loaded (start-up), render errors such as a missing
/// message when a page is rendered. `line` and `column` are 1-based; both are 0 when the problem
/// is not tied to a place in a file (an unknown template name, an unreadable file).
public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Compiler-style `file:line:column: message`, which editors and terminals turn into links.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
