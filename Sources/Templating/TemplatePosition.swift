/// Where a tag starts in its file, 1-based, for errors found after parsing.
struct TemplatePosition: Sendable, Equatable {
    var line: Int
    var column: Int
}
