/// One element of a parsed template. Templates are parsed once at start-up into these so
/// rendering never looks at template syntax again.
enum TemplateNode: Sendable {
    /// Literal template text, kept as UTF-8 so rendering copies it with a single memcpy.
    case text([UInt8])
    /// `{{ a.b }}` (escaped) or `{{{ a.b }}}` (raw). An empty path is `{{ . }}`.
    case variable(path: [String], escaped: Bool)
    /// `{{# a }}…{{/ a }}`, or `{{^ a }}…{{/ a }}` when inverted.
    case section(path: [String], inverted: Bool, children: [TemplateNode])
    /// `{{> name }}`; the name is checked against the set when templates are loaded.
    case partial(name: String)
    /// `{{t key }}`; the position is kept because a missing message is only found at render time.
    case message(key: String, line: Int, column: Int)
}
