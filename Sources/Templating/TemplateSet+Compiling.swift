extension TemplateSet {
    /// Template `name` compiled for `Model`, with every `{{t key }}` resolved now through
    /// `messages` (one compile per locale).
    ///
    /// Fails with the tag's position for a name that is not a field in scope, a field used in a
    /// way it cannot be (a list or flag printed, `{{ . }}` where the item is not a string, a dot
    /// into something that is not an object), a missing message, an unknown partial, or partials
    /// that include themselves or nest too deep.
    public func compile<Model: Templated>(
        _ name: String, for model: Model.Type, messages: (String) -> String?
    ) throws(TemplateError) -> CompiledTemplate<Model> {
        let template = try template(named: name)
        return try withoutActuallyEscaping(messages) { messages throws(TemplateError) in
            var compiler = TemplateCompiler(templates: templates, messages: messages, scopes: [CompileScope(Model.self)])
            let steps = try compiler.compile(template)
            return CompiledTemplate(steps: steps, literalByteCount: compiler.literalByteCount)
        }
    }

    private func template(named name: String) throws(TemplateError) -> Template {
        guard let template = templates[name] else {
            throw TemplateError(file: name, line: 0, column: 0, message: "unknown template '\(name)'")
        }
        return template
    }
}
