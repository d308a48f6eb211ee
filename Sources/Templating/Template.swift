/// One parsed template file.
struct Template: Sendable {
    /// A `{{> name }}` tag, remembered so the whole set can be checked for unknown partials at load.
    struct PartialReference: Sendable {
        var name: String
        var line: Int
        var column: Int
    }

    var name: String
    /// What errors report as the file: the relative path when loaded from disk.
    var file: String
    var nodes: [TemplateNode]
    var partialReferences: [PartialReference]
    var messageKeys: Set<String>
    /// Bytes of literal text, used to size the output buffer up front.
    var textByteCount: Int
}
