/// The fields a `Templated` model declares, in order.
public struct TemplateFields<Model>: Sendable, ExpressibleByArrayLiteral {
    let elements: [TemplateField<Model>]

    public init(arrayLiteral elements: TemplateField<Model>...) {
        self.elements = elements
    }

    public init(_ elements: [TemplateField<Model>]) {
        self.elements = elements
    }
}
