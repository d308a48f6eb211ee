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
            return CompiledTemplate(steps: steps)
        }
    }

    /// Page `name` inside `layout`, whose `{{{ content }}}` (exactly one, outside sections) is
    /// where the page goes.
    ///
    /// The layout is compiled for `Layout`; the page for `Model` with the layout's fields as the
    /// outer scope, so a page can use e.g. `{{ csrf }}` from the layout model, and its own
    /// names shadow the layout's, as in Mustache.
    public func compile<Layout: Templated, Model: Templated>(
        _ name: String, for model: Model.Type, layout: String, layoutModel: Layout.Type,
        messages: (String) -> String?
    ) throws(TemplateError) -> CompiledPage<Layout, Model> {
        let layoutTemplate = try template(named: layout)
        let pageTemplate = try template(named: name)
        return try withoutActuallyEscaping(messages) { messages throws(TemplateError) in
            let layoutScope = CompileScope(Layout.self)
            var layoutCompiler = TemplateCompiler(templates: templates, messages: messages, scopes: [layoutScope])
            let layoutSteps = try layoutCompiler.compileLayout(layoutTemplate)
            var pageCompiler = TemplateCompiler(
                templates: templates, messages: messages, scopes: [layoutScope, CompileScope(Model.self)])
            let pageSteps = try pageCompiler.compile(pageTemplate)
            return CompiledPage(layout: layoutSteps, page: pageSteps)
        }
    }

    private func template(named name: String) throws(TemplateError) -> Template {
        guard let template = templates[name] else {
            throw TemplateError(file: name, line: 0, column: 0, message: "unknown template '\(name)'")
        }
        return template
    }
}
