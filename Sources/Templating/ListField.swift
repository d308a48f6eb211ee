/// A `TemplateField.list`: a section renders once per item with the item in scope.
struct ListField<Model, Item: Templated>: NestedField {
    let get: @Sendable (Model) -> [Item]?

    var itemName: String { String(describing: Item.self) }

    func itemScope() -> CompileScope {
        CompileScope(Item.self)
    }

    func members(named name: String) -> [TemplateField<Model>] {
        []
    }

    func section(at depth: Int, inverted: Bool, body: [CompiledStep]) -> CompiledStep {
        let body = CompiledSteps(body)
        let get = self.get
        if inverted {
            return .run { renderer in
                if renderer.read(depth, get)?.isEmpty ?? true {
                    renderer.run(body)
                }
            }
        }
        let bytesPerItem = body.literalByteCount
        let frame = ScopeFrame<Item>.self
        return .run { renderer in
            if let items = renderer.read(depth, get), !items.isEmpty {
                renderer.renderEach(items, in: frame, body, bytesPerItem: bytesPerItem)
            }
        }
    }

    func lifted<Outer>(through outer: @escaping ObjectAccess<Outer, Model>) -> any NestedField<Outer> {
        let get = self.get
        return ListField<Outer, Item>(get: { model in
            var items: [Item]?
            outer(model) { items = get($0) }
            return items
        })
    }
}
