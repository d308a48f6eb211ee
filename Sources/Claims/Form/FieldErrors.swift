/// Per-field validation problems, so a form can show each message next to its field.
public struct FieldErrors: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public let issues: [ClaimField: FieldIssue]

    public init(_ issues: [ClaimField: FieldIssue]) { self.issues = issues }

    public subscript(field: ClaimField) -> FieldIssue? { issues[field] }

    public var isEmpty: Bool { issues.isEmpty }

    /// Field name (the form's input name) → message key.
    public var messageKeysByField: [String: String] {
        Dictionary(uniqueKeysWithValues: issues.map { ($0.key.rawValue, $0.value.messageKey) })
    }

    public var description: String {
        issues.keys.sorted().map { "\($0.rawValue): \(issues[$0]!.messageKey)" }.joined(separator: ", ")
    }
}
