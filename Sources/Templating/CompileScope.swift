/// The names one level of scope offers while a template is compiled: a model's fields, or the
/// current string inside a section over a list of strings.
struct CompileScope {
    /// The model's name, for error messages.
    let name: String
    /// Every field under its name; more than one means the model declared the name twice.
    let fields: [String: [any CompilableField]]
    /// What `{{ . }}` refers to here, if anything.
    let current: (any CompilableField)?

    init<Model: Templated>(_ model: Model.Type) {
        name = String(describing: Model.self)
        fields = Dictionary(grouping: Model.fields.elements.map { $0 as any CompilableField }, by: \.name)
        current = nil
    }

    private init(name: String, current: any CompilableField) {
        self.name = name
        self.fields = [:]
        self.current = current
    }

    /// Inside a section over `TemplateField.strings`: no fields, and `{{ . }}` is the string.
    static var stringItem: CompileScope {
        CompileScope(name: "String", current: TemplateField<String>.text(".") { $0 })
    }
}
