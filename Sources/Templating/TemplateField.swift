/// One named field of a model. The getters are `@Sendable` closures so callers can pass key
/// paths: `.text("title", \.title)`.
public struct TemplateField<Model>: Sendable {
    let name: String
    let value: Value

    /// What the field holds. Getters return optionals so a field read through an object that may
    /// be nil (`{{ claim.owner.name }}`) is the same kind as the field read directly.
    enum Value: Sendable {
        /// Text that is always there, kept apart from `text`: wrapping its getter to return an
        /// optional would put a thunk in front of every read of it.
        case string(@Sendable (Model) -> String)
        case text(@Sendable (Model) -> String?)
        case number(@Sendable (Model) -> Int?)
        case flag(@Sendable (Model) -> Bool?)
        case strings(@Sendable (Model) -> [String]?)
        case list(any NestedField<Model>)
        case object(any NestedField<Model>)
    }

    /// `{{ name }}` prints it escaped, `{{{ name }}}` raw; as a section it is truthy when non-empty.
    public static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Self {
        Self(name: name, value: .string(get))
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
    ///
    /// Inlinable, so that the closure that unwraps the item is compiled where the model's and the
    /// item's types are known: in the templating code, generic over both, every read of an
    /// optional item looked its type up in the runtime's metadata cache.
    @inlinable
    public static func object<Item: Templated>(
        _ name: String, _ get: @escaping @Sendable (Model) -> Item?
    ) -> Self {
        objectField(name, access: { model, body in
            if let item = get(model) { body(item) }
        })
    }

    /// Like the optional `object`, for a value that is always there.
    @inlinable
    public static func object<Item: Templated>(
        _ name: String, _ get: @escaping @Sendable (Model) -> Item
    ) -> Self {
        objectField(name, access: { model, body in body(get(model)) })
    }

    /// The field `object` makes, once its closure is compiled.
    @usableFromInline
    static func objectField<Item: Templated>(_ name: String, access: @escaping ObjectAccess<Model, Item>) -> Self {
        Self(name: name, value: .object(ObjectField<Model, Item>(access: access)))
    }

    /// This field read through `outer`'s value, for dotted names: nil anywhere on the way reads
    /// as a missing value, as it does in the dynamic renderer. `outer` hands its value to a body
    /// (see `ObjectField.access`), so no optional of a generic type is made on the way.
    func lifted<Outer>(through outer: @escaping ObjectAccess<Outer, Model>) -> TemplateField<Outer> {
        let value: TemplateField<Outer>.Value
        switch self.value {
        case .string(let get): value = .text { model in
            var text: String?
            outer(model) { text = get($0) }
            return text
        }
        case .text(let get): value = .text { model in
            var text: String?
            outer(model) { text = get($0) }
            return text
        }
        case .number(let get): value = .number { model in
            var number: Int?
            outer(model) { number = get($0) }
            return number
        }
        case .flag(let get): value = .flag { model in
            var flag: Bool?
            outer(model) { flag = get($0) }
            return flag
        }
        case .strings(let get): value = .strings { model in
            var strings: [String]?
            outer(model) { strings = get($0) }
            return strings
        }
        case .list(let nested): value = .list(nested.lifted(through: outer))
        case .object(let nested): value = .object(nested.lifted(through: outer))
        }
        return TemplateField<Outer>(name: name, value: value)
    }
}
