/// A value a template can show: declares its fields once, in order. Each field is a slot.
///
/// Templates are compiled against these declarations at start-up, so a name a template uses
/// that the model lacks stops the server instead of rendering as empty text.
public protocol Templated: Sendable {
    static var fields: TemplateFields<Self> { get }
}
