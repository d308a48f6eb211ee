/// The data a template renders: a JSON-like tree built by the caller for each page.
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// Whether a `{{# name }}` section renders; `{{^ name }}` renders exactly when this is false.
    var isTruthy: Bool {
        switch self {
        case .string(let string): !string.isEmpty
        case .int(let int): int != 0
        case .bool(let bool): bool
        case .list(let items): !items.isEmpty
        case .object: true
        case .null: false
        }
    }

    /// The member `key` of an object; nil for anything else, so a dotted lookup through a
    /// non-object reads as missing rather than failing.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }
}

extension TemplateValue {
    /// Lets callers pass optional model fields straight through: nil becomes `.null`.
    public init(_ string: String?) {
        self = string.map(TemplateValue.string) ?? .null
    }

    public init(_ int: Int?) {
        self = int.map(TemplateValue.int) ?? .null
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self = .int(value)
    }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) {
        self = .list(elements)
    }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        // A repeated key in a literal is a typo; the last one wins rather than trapping at run time.
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
