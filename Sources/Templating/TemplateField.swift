/// One named field of a model. The getters are `@Sendable` closures so callers can pass key
/// paths: `.text("title", \.title)`.
public struct TemplateField<Model>: Sendable {
    let name: String
    let value: Value

    /// What the field holds. Getters return optionals so a field read through an object that may
    /// be nil (`{{ claim.owner.name }}`) is the same kind as the field read directly.
    enum Value: Sendable {
        case text(@Sendable (Model) -> String?)
        case number(@Sendable (Model) -> Int?)
        case flag(@Sendable (Model) -> Bool?)
        case strings(@Sendable (Model) -> [String]?)
        case list(any NestedField<Model>)
        case object(any NestedField<Model>)
    }

    /// `{{ name }}` prints it escaped, `{{{ name }}}` raw; as a section it is truthy when non-empty.
    public static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Self {
        Self(name: name, value: .text(get))
    }

    /// Like `text`; nil prints nothing and is falsy.
    public static func optional(_ name: String, _ get: @escaping @Sendable (Model) -> String?) -> Self {
        Self(name: name, value: .text(get))
    }

    /// Prints in decimal; as a section it is truthy when not zero.
    public static func number(_ name: String, _ get: @escaping @Sendable (Model) -> Int) -> Self {
        Self(name: name, value: .number(get))
    }

    /// Only opens sections: `{{ flag }}` would print "true", which no page means to show.
    public static func flag(_ name: String, _ get: @escaping @Sendable (Model) -> Bool) -> Self {
        Self(name: name, value: .flag(get))
    }

    /// A section over it renders once per string, which `{{ . }}` prints.
    public static func strings(_ name: String, _ get: @escaping @Sendable (Model) -> [String]) -> Self {
        Self(name: name, value: .strings(get))
    }

    /// A section over it renders once per item, with the item's fields in scope.
    public static func list<Item: Templated>(
        _ name: String, _ get: @escaping @Sendable (Model) -> [Item]
    ) -> Self {
        Self(name: name, value: .list(ListField<Model, Item>(get: get)))
    }

    /// A section over it renders once with the item's fields in scope when it is not nil;
    /// `{{ name.field }}` reads one field directly.
    public static func object<Item: Templated>(
        _ name: String, _ get: @escaping @Sendable (Model) -> Item?
    ) -> Self {
        Self(name: name, value: .object(ObjectField<Model, Item>(get: get)))
    }

    /// Like the optional `object`, for a value that is always there.
    public static func object<Item: Templated>(
        _ name: String, _ get: @escaping @Sendable (Model) -> Item
    ) -> Self {
        Self(name: name, value: .object(ObjectField<Model, Item>(get: get)))
    }

    /// This field read through `outer`'s value, for dotted names: nil anywhere on the way reads
    /// as a missing value, as it does in the dynamic renderer.
    func lifted<Outer>(through outer: @escaping @Sendable (Outer) -> Model?) -> TemplateField<Outer> {
        let value: TemplateField<Outer>.Value
        switch self.value {
        // `if let` rather than `Optional.flatMap`, which in this generic code is a call of its own per read.
        case .text(let get): value = .text { if let inner = outer($0) { get(inner) } else { nil } }
        case .number(let get): value = .number { if let inner = outer($0) { get(inner) } else { nil } }
        case .flag(let get): value = .flag { if let inner = outer($0) { get(inner) } else { nil } }
        case .strings(let get): value = .strings { if let inner = outer($0) { get(inner) } else { nil } }
        case .list(let nested): value = .list(nested.lifted(through: outer))
        case .object(let nested): value = .object(nested.lifted(through: outer))
        }
        return TemplateField<Outer>(name: name, value: value)
    }
}
