/// A `TemplateField.object`: a section renders once with the value in scope when it is not nil.
struct ObjectField<Model, Item: Templated>: NestedField {
    let get: @Sendable (Model) -> Item?

    var itemName: String { String(describing: Item.self) }

    func itemScope() -> CompileScope {
        CompileScope(Item.self)
    }

    func members(named name: String) -> [TemplateField<Model>] {
        Item.fields.elements.filter { $0.name == name }.map { $0.lifted(through: get) }
    }

    func section(at depth: Int, inverted: Bool, body: [CompiledStep]) -> CompiledStep {
        let get = self.get
        if inverted {
            return .run { renderer in
                if renderer.read(depth, get) == nil {
                    renderer.run(body)
                }
            }
        }
        let frame = ScopeFrame<Item>.self
        return .run { renderer in
            if let item = renderer.read(depth, get) {
                renderer.render(item, in: frame, body)
            }
        }
    }

    func lifted<Outer>(through outer: @escaping @Sendable (Outer) -> Model?) -> any NestedField<Outer> {
        let get = self.get
        return ObjectField<Outer, Item>(get: { if let inner = outer($0) { get(inner) } else { nil } })
    }
}
