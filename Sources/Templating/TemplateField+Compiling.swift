extension TemplateField: CompilableField {
    var kindDescription: String {
        switch value {
        case .string, .text: "text"
        case .number: "a number"
        case .flag: "a flag"
        case .strings: "a list of strings"
        case .list(let nested): "a list of \(nested.itemName)"
        case .object(let nested): "an object (\(nested.itemName))"
        }
    }

    var itemName: String? {
        switch value {
        case .string, .text, .number, .flag, .strings: nil
        case .list(let nested), .object(let nested): nested.itemName
        }
    }

    func printStep(at depth: Int, escaped: Bool) -> CompiledStep? {
        switch value {
        case .string(let get) where escaped:
            .run { renderer in
                HTMLEscaper.append(escaping: renderer.read(depth, get), to: &renderer.output)
            }
        case .string(let get):
            .run { renderer in
                renderer.output.write(utf8: renderer.read(depth, get))
            }
        case .text(let get) where escaped:
            .run { renderer in
                if let text = renderer.read(depth, get) {
                    HTMLEscaper.append(escaping: text, to: &renderer.output)
                }
            }
        case .text(let get):
            .run { renderer in
                if let text = renderer.read(depth, get) {
                    renderer.output.write(utf8: text)
                }
            }
        case .number(let get):
            // Digits need no escaping.
            .run { renderer in
                if let number = renderer.read(depth, get) {
                    renderer.output.write(utf8: String(number))
                }
            }
        case .flag, .strings, .list, .object:
            nil
        }
    }

    var sectionScope: CompileScope? {
        switch value {
        case .string, .text, .number, .flag: nil
        case .strings: CompileScope.stringItem
        case .list(let nested), .object(let nested): nested.itemScope()
        }
    }

    func sectionStep(at depth: Int, inverted: Bool, body: [CompiledStep]) -> CompiledStep {
        switch value {
        case .string(let get):
            conditional(at: depth, inverted: inverted, body: body) { !get($0).isEmpty }
        case .text(let get):
            conditional(at: depth, inverted: inverted, body: body) { !(get($0)?.isEmpty ?? true) }
        case .number(let get):
            conditional(at: depth, inverted: inverted, body: body) { (get($0) ?? 0) != 0 }
        case .flag(let get):
            conditional(at: depth, inverted: inverted, body: body) { get($0) ?? false }
        case .strings(let get) where inverted:
            conditional(at: depth, inverted: true, body: body) { !(get($0)?.isEmpty ?? true) }
        case .strings(let get):
            strings(at: depth, body: body, get)
        case .list(let nested), .object(let nested):
            nested.section(at: depth, inverted: inverted, body: body)
        }
    }

    func members(named name: String) -> [any CompilableField]? {
        guard case .object(let nested) = value else { return nil }
        return nested.members(named: name)
    }

    private func strings(
        at depth: Int, body: [CompiledStep], _ get: @escaping @Sendable (Model) -> [String]?
    ) -> CompiledStep {
        let body = CompiledSteps(body)
        let bytesPerItem = body.literalByteCount
        return .run { renderer in
            if let items = renderer.read(depth, get), !items.isEmpty {
                renderer.renderEach(items, body, bytesPerItem: bytesPerItem)
            }
        }
    }

    /// A section that renders in place, with the scope unchanged, when `isTruthy` says so.
    private func conditional(
        at depth: Int, inverted: Bool, body: [CompiledStep], _ isTruthy: @escaping @Sendable (Model) -> Bool
    ) -> CompiledStep {
        let body = CompiledSteps(body)
        return .run { renderer in
            if renderer.read(depth, isTruthy) != inverted {
                renderer.run(body)
            }
        }
    }
}
