/// One element of a parsed template. Templates are parsed once at start-up into these so
/// rendering never looks at template syntax again. Tags keep their position because compiling
/// against a typed model reports misused names there.
enum TemplateNode: Sendable {
    /// Literal template text, kept as UTF-8 so rendering copies it with a single memcpy.
    case text([UInt8])
    /// `{{ a.b }}` (escaped) or `{{{ a.b }}}` (raw). An empty path is `{{ . }}`.
    case variable(path: [String], escaped: Bool, at: TemplatePosition)
    /// `{{# a }}…{{/ a }}`, or `{{^ a }}…{{/ a }}` when inverted.
    case section(path: [String], inverted: Bool, children: [TemplateNode], at: TemplatePosition)
    /// `{{> name }}`; the name is checked against the set when templates are loaded.
    case partial(name: String, at: TemplatePosition)
    /// `{{t key }}`; a missing message is found at render time, or at compile time for typed models.
    case message(key: String, at: TemplatePosition)
}
