/// A field whose value is another `Templated` model, or a list of them.
///
/// Erases the item type so `TemplateField` needs only its model as a generic parameter; the
/// conforming types keep it, so rendering calls typed getters without casting values.
protocol NestedField<Model>: Sendable {
    associatedtype Model

    /// The item type's name, for error messages.
    var itemName: String { get }

    /// The names a section over this field brings into scope.
    func itemScope() -> CompileScope

    /// The item's fields named `name`, read through this field; empty when there is none.
    func members(named name: String) -> [TemplateField<Model>]

    /// Renders `body` for the items in scope, or, when inverted, once when there are none.
    func section(at depth: Int, inverted: Bool, body: [CompiledStep]) -> CompiledStep

    func lifted<Outer>(through outer: @escaping ObjectAccess<Outer, Model>) -> any NestedField<Outer>
}
