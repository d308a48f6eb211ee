/// A field as the compiler sees it, whichever model declares it.
protocol CompilableField: Sendable {
    var name: String { get }

    /// "text", "a flag", "a list of Row"…, for error messages.
    var kindDescription: String { get }

    /// The model a list or object holds, for error messages.
    var itemName: String? { get }

    /// Prints the field of the model in scope at `depth`; nil when it has no printed form.
    func printStep(at depth: Int, escaped: Bool) -> CompiledStep?

    /// The scope a (not inverted) section over the field opens; nil when it renders in place.
    var sectionScope: CompileScope? { get }

    func sectionStep(at depth: Int, inverted: Bool, body: [CompiledStep]) -> CompiledStep

    /// The object's fields named `name`, read through this field; nil when it is not an object.
    func members(named name: String) -> [any CompilableField]?
}
