/// Hands the object a model holds, when it holds one, to `body`.
@usableFromInline
typealias ObjectAccess<Model, Item> = @Sendable (Model, (Item) -> Void) -> Void

/// A `TemplateField.object`: a section renders once with the value in scope when it is not nil.
struct ObjectField<Model, Item: Templated>: NestedField {
    let access: ObjectAccess<Model, Item>

    var itemName: String { String(describing: Item.self) }

    func itemScope() -> CompileScope {
        CompileScope(Item.self)
    }

    func members(named name: String) -> [TemplateField<Model>] {
        Item.fields.elements.filter { $0.name == name }.map { $0.lifted(through: access) }
    }

    func section(at depth: Int, inverted: Bool, body: [CompiledStep]) -> CompiledStep {
        let body = CompiledSteps(body)
        let access = self.access
        if inverted {
            return .run { renderer in
                var found = false
                access(renderer.frame(depth, of: Model.self).value) { _ in found = true }
                if !found { renderer.run(body) }
            }
        }
        let frame = ScopeFrame<Item>.self
        return .run { renderer in
            access(renderer.frame(depth, of: Model.self).value) { item in
                renderer.render(item, in: frame, body)
            }
        }
    }

    func lifted<Outer>(through outer: @escaping ObjectAccess<Outer, Model>) -> any NestedField<Outer> {
        let access = self.access
        return ObjectField<Outer, Item>(access: { model, body in outer(model) { access($0, body) } })
    }
}
