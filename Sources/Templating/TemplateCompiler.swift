/// Compiles parsed templates against typed models: every name becomes a read at a known scope
/// depth, every message becomes literal text, every partial is inlined where it is included.
struct TemplateCompiler {
    static let maximumPartialDepth = TemplateRenderer.maximumPartialDepth

    private let templates: [String: Template]
    private let messages: (String) -> String?
    /// Innermost last; at run time there is a frame for each.
    private var scopes: [CompileScope]
    /// Partials being inlined, outermost first; one that includes itself would never end.
    private var partials: [String] = []
    private var sectionDepth = 0
    /// Compiling a layout: where its `{{{ content }}}` was found so far.
    private var content: Content?

    private enum Content {
        case missing
        case found
    }

    init(templates: [String: Template], messages: @escaping (String) -> String?, scopes: [CompileScope]) {
        self.templates = templates
        self.messages = messages
        self.scopes = scopes
    }

    mutating func compile(_ template: Template) throws(TemplateError) -> [CompiledStep] {
        partials = [template.name]
        var steps: [CompiledStep] = []
        try compile(template.nodes, of: template, into: &steps)
        return steps
    }

    /// Like `compile(_:)`, also placing `{{{ content }}}`, which must appear exactly once,
    /// outside any section, so the page is rendered exactly once in a known scope.
    mutating func compileLayout(_ template: Template) throws(TemplateError) -> [CompiledStep] {
        content = .missing
        defer { content = nil }
        let steps = try compile(template)
        guard case .found = content else {
            throw TemplateError(
                file: template.file, line: 0, column: 0, message: "layout has no {{{ content }}} to show the page in")
        }
        return steps
    }

    private mutating func compile(
        _ nodes: [TemplateNode], of template: Template, into steps: inout [CompiledStep]
    ) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                appendText(bytes, to: &steps)
            case .message(let key, let position):
                guard let message = messages(key) else {
                    throw error(in: template, at: position, "missing message '\(key)'")
                }
                var bytes: [UInt8] = []
                HTMLEscaper.append(escaping: message, to: &bytes)
                appendText(bytes, to: &steps)
            case .variable(let path, let escaped, let position):
                if content != nil, !escaped, path == ["content"] {
                    try placeContent(in: template, at: position)
                    steps.append(.content)
                    continue
                }
                let (field, depth) = try resolve(path, in: template, at: position)
                guard let step = field.printStep(at: depth, escaped: escaped) else {
                    let name = Self.name(path)
                    throw error(
                        in: template, at: position,
                        "'\(name)' is \(field.kindDescription), so it can only open a section: {{# \(name) }}")
                }
                steps.append(step)
            case .section(let path, let inverted, let children, let position):
                let (field, depth) = try resolve(path, in: template, at: position)
                // An inverted section renders only when there is nothing to put in scope.
                let scope = inverted ? nil : field.sectionScope
                if let scope { scopes.append(scope) }
                sectionDepth += 1
                var body: [CompiledStep] = []
                try compile(children, of: template, into: &body)
                sectionDepth -= 1
                if scope != nil { scopes.removeLast() }
                steps.append(field.sectionStep(at: depth, inverted: inverted, body: body))
            case .partial(let name, let position):
                guard let partial = templates[name] else {
                    throw error(in: template, at: position, "unknown partial '\(name)'")
                }
                guard !partials.contains(name) else {
                    throw error(in: template, at: position, "partial '\(name)' includes itself")
                }
                guard partials.count <= Self.maximumPartialDepth else {
                    throw error(
                        in: template, at: position,
                        "partial '\(name)' nested deeper than \(Self.maximumPartialDepth) levels")
                }
                partials.append(name)
                try compile(partial.nodes, of: partial, into: &steps)
                partials.removeLast()
            }
        }
    }

    /// Mustache lookup, done once: the first name is searched from the innermost scope outwards,
    /// the rest of a dotted name only inside what was found.
    private func resolve(
        _ path: [String], in template: Template, at position: TemplatePosition
    ) throws(TemplateError) -> (field: any CompilableField, depth: Int) {
        guard let first = path.first else {
            guard let current = scopes[scopes.count - 1].current else {
                throw error(
                    in: template, at: position,
                    "'.' is only the current item inside a list of strings; here it is \(scopes[scopes.count - 1].name)")
            }
            return (current, scopes.count - 1)
        }
        guard let depth = scopes.lastIndex(where: { $0.fields[first] != nil }) else {
            throw error(in: template, at: position, "'\(first)' is not a field of \(modelNames())")
        }
        var field = try single(scopes[depth].fields[first] ?? [], first, of: scopes[depth].name, template, position)
        for (index, member) in path.enumerated().dropFirst() {
            guard let members = field.members(named: member) else {
                throw error(
                    in: template, at: position,
                    "'\(Self.name(path))': '\(Self.name(path[..<index]))' is \(field.kindDescription), not an object")
            }
            field = try single(members, member, of: field.itemName ?? "", template, position)
        }
        return (field, depth)
    }

    private func single(
        _ fields: [any CompilableField], _ name: String, of owner: String,
        _ template: Template, _ position: TemplatePosition
    ) throws(TemplateError) -> any CompilableField {
        guard let field = fields.first else {
            throw error(in: template, at: position, "'\(name)' is not a field of \(owner)")
        }
        guard fields.count == 1 else {
            throw error(in: template, at: position, "'\(name)' is declared more than once in \(owner)")
        }
        return field
    }

    /// The models in scope, innermost first, for "not a field of Row or Page".
    private func modelNames() -> String {
        var names: [String] = []
        for scope in scopes.reversed() where scope.current == nil && !names.contains(scope.name) {
            names.append(scope.name)
        }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }

    private mutating func placeContent(in template: Template, at position: TemplatePosition) throws(TemplateError) {
        guard sectionDepth == 0 else {
            throw error(in: template, at: position, "{{{ content }}} inside a section; a layout shows the page once")
        }
        guard case .missing = content else {
            throw error(in: template, at: position, "a second {{{ content }}}; a layout shows the page once")
        }
        content = .found
    }

    private mutating func appendText(_ bytes: [UInt8], to steps: inout [CompiledStep]) {
        guard !bytes.isEmpty else { return }
        // One copy per run of text, whether it came from the template, a message or a partial.
        if case .text(let previous) = steps.last {
            steps[steps.count - 1] = .text(previous + bytes)
        } else {
            steps.append(.text(bytes))
        }
    }

    private func error(in template: Template, at position: TemplatePosition, _ message: String) -> TemplateError {
        TemplateError(file: template.file, line: position.line, column: position.column, message: message)
    }

    private static func name<Path: Collection<String>>(_ path: Path) -> String {
        path.isEmpty ? "." : path.joined(separator: ".")
    }
}
