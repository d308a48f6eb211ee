/// Walks parsed templates against a context stack, writing UTF-8 into one growing buffer.
struct TemplateRenderer {
    /// Deep enough for any real page; stops a partial that includes itself forever.
    static let maximumPartialDepth = 64

    private let templates: [String: Template]
    private let localizer: (String) -> String?
    private var stack: [TemplateValue]
    private var partialDepth = 0
    private(set) var output: [UInt8] = []

    init(templates: [String: Template], context: [TemplateValue], localizer: @escaping (String) -> String?) {
        self.templates = templates
        self.localizer = localizer
        self.stack = context
    }

    mutating func render(_ template: Template) throws(TemplateError) {
        // Literal text is the floor; loops usually at least double it.
        output.reserveCapacity(output.count + template.textByteCount * 2 + 1024)
        try render(template.nodes, in: template)
    }

    private mutating func render(_ nodes: [TemplateNode], in template: Template) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let path, let escaped, _):
                if let value = lookup(path) {
                    write(value, escaped: escaped)
                }
            case .section(let path, let inverted, let children, _):
                let value = lookup(path)
                if inverted {
                    if !(value?.isTruthy ?? false) {
                        try render(children, in: template)
                    }
                } else if let value, value.isTruthy {
                    try renderSection(children, for: value, in: template)
                }
            case .partial(let name, _):
                try renderPartial(name, from: template)
            case .message(let key, let position):
                guard let message = localizer(key) else {
                    throw TemplateError(
                        file: template.file, line: position.line, column: position.column,
                        message: "missing message '\(key)'")
                }
                HTMLEscaper.append(escaping: message, to: &output)
            }
        }
    }

    private mutating func renderSection(
        _ children: [TemplateNode], for value: TemplateValue, in template: Template
    ) throws(TemplateError) {
        switch value {
        case .list(let items):
            for item in items {
                stack.append(item)
                try render(children, in: template)
                stack.removeLast()
            }
        case .object:
            stack.append(value)
            try render(children, in: template)
            stack.removeLast()
        case .string, .int, .bool, .null:
            // A flag: render once with the context unchanged.
            try render(children, in: template)
        }
    }

    private mutating func renderPartial(_ name: String, from template: Template) throws(TemplateError) {
        // Names were checked when the set was built, so a miss here means a hand-built set.
        guard let partial = templates[name] else {
            throw TemplateError(file: template.file, line: 0, column: 0, message: "unknown partial '\(name)'")
        }
        guard partialDepth < Self.maximumPartialDepth else {
            throw TemplateError(
                file: template.file, line: 0, column: 0,
                message: "partial '\(name)' nested deeper than \(Self.maximumPartialDepth) levels")
        }
        partialDepth += 1
        try render(partial.nodes, in: partial)
        partialDepth -= 1
    }

    /// Mustache lookup: the first name is searched from the innermost context outwards, the rest
    /// of a dotted name only inside what was found.
    private func lookup(_ path: [String]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        var index = stack.count - 1
        while index >= 0 {
            if var value = stack[index][first] {
                for key in path.dropFirst() {
                    guard let member = value[key] else { return nil }
                    value = member
                }
                return value
            }
            index -= 1
        }
        return nil
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let string):
            if escaped {
                HTMLEscaper.append(escaping: string, to: &output)
            } else {
                output.append(contentsOf: string.utf8)
            }
        case .int(let int):
            output.append(contentsOf: String(int).utf8)
        case .bool(let bool):
            output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .list, .object, .null:
            // Structures have no single textual form; printing nothing beats printing Swift debug output.
            break
        }
    }
}
