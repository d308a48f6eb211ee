import Templating

/// Renders a single template given as source, for tests that care about one behaviour.
func render(
    _ source: String,
    _ context: TemplateValue = [:],
    partials: [String: String] = [:],
    messages: [String: String] = [:]
) throws -> String {
    var sources = partials
    sources["page"] = source
    return try TemplateSet(templates: sources).render("page", context, localizer: { messages[$0] })
}

/// The error a template set fails to build with, or nil when it builds.
func loadError(_ templates: [String: String]) -> TemplateError? {
    do {
        _ = try TemplateSet(templates: templates)
        return nil
    } catch {
        return error
    }
}
