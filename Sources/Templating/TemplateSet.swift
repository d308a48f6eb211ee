/// Every template of the application, parsed and cross-checked once, ready to render pages.
///
/// Build it at start-up with `load(directory:)` so a broken template stops the server before it
/// serves anything, not when a user first opens the page.
public struct TemplateSet: Sendable {
    let templates: [String: Template]

    /// Parses templates given as source text, keyed by name; used by tests and small tools.
    public init(templates sources: [String: String]) throws(TemplateError) {
        try self.init(sources: sources.map { (name: $0.key, file: $0.key, source: $0.value) })
    }

    init(sources: [(name: String, file: String, source: String)]) throws(TemplateError) {
        var templates: [String: Template] = [:]
        // Sorted so that with several broken templates the same one is always reported first.
        for source in sources.sorted(by: { $0.name < $1.name }) {
            templates[source.name] = try TemplateParser(
                name: source.name, file: source.file, source: source.source
            ).parse()
        }
        for name in templates.keys.sorted() {
            let template = templates[name]!
            for reference in template.partialReferences where templates[reference.name] == nil {
                throw TemplateError(
                    file: template.file, line: reference.line, column: reference.column,
                    message: "unknown partial '\(reference.name)'")
            }
        }
        self.templates = templates
    }

    /// Template names, sorted: relative paths without `.html`, such as `claims/index`.
    public var names: [String] {
        templates.keys.sorted()
    }

    /// Every key used by a `{{t … }}` tag, so the application can check its message catalogue
    /// at start-up instead of finding a gap on a rarely visited page.
    public func messageKeys() -> Set<String> {
        templates.values.reduce(into: Set<String>()) { keys, template in
            keys.formUnion(template.messageKeys)
        }
    }

    /// Renders template `name` with `context` as the outermost context.
    ///
    /// `localizer` returns the text for a `{{t key }}` tag, or nil when the catalogue lacks the
    /// key, which fails the render so untranslated pages are caught by tests.
    public func render(
        _ name: String, _ context: TemplateValue, localizer: (String) -> String?
    ) throws(TemplateError) -> String {
        try render(name, stack: [context], localizer: localizer)
    }

    /// Renders page `name`, then `layout` around it: the layout sees the same context plus
    /// `content`, the page's HTML, which it outputs with `{{{ content }}}`.
    public func render(
        _ name: String, _ context: TemplateValue, layout: String, localizer: (String) -> String?
    ) throws(TemplateError) -> String {
        let page = try render(name, stack: [context], localizer: localizer)
        // A frame of its own, rather than a copy of the context with one more key.
        return try render(layout, stack: [context, ["content": .string(page)]], localizer: localizer)
    }

    private func render(
        _ name: String, stack: [TemplateValue], localizer: (String) -> String?
    ) throws(TemplateError) -> String {
        guard let template = templates[name] else {
            throw TemplateError(file: name, line: 0, column: 0, message: "unknown template '\(name)'")
        }
        let bytes = try withoutActuallyEscaping(localizer) { localizer throws(TemplateError) in
            var renderer = TemplateRenderer(templates: templates, context: stack, localizer: localizer)
            try renderer.render(template)
            return renderer.output
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
