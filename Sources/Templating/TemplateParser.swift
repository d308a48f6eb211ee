/// Turns template source into `TemplateNode`s, rejecting malformed tags with their position.
///
/// Scans UTF-8 bytes: every delimiter is ASCII, so byte offsets are exact and cheap, and line and
/// column are only worked out for tags that need them (errors, messages, partials).
struct TemplateParser {
    private let name: String
    private let file: String
    private let bytes: [UInt8]
    /// Byte offset where each line starts, for turning offsets into line and column.
    private let lineStarts: [Int]

    init(name: String, file: String, source: String) {
        self.name = name
        self.file = file
        self.bytes = Array(source.utf8)
        var lineStarts = [0]
        for (offset, byte) in bytes.enumerated() where byte == newline {
            lineStarts.append(offset + 1)
        }
        self.lineStarts = lineStarts
    }

    func parse() throws(TemplateError) -> Template {
        var template = Template(
            name: name, file: file, nodes: [], partialReferences: [], messageKeys: [], textByteCount: 0)
        // The innermost open section is last; the bottom frame is the template itself.
        var frames = [OpenSection(name: "", path: [], inverted: false, offset: 0, nodes: [])]
        var textStart = 0
        var searchFrom = 0

        while let open = find(openDelimiter, from: searchFrom, before: bytes.count) {
            let tag = try readTag(at: open)
            var textEnd = open
            var resume = tag.end
            if tag.kind.canStandAlone, let line = standaloneLine(start: open, end: tag.end) {
                // A tag alone on its line takes the whole line with it, so block structure in the
                // source does not leave blank lines in the page.
                textEnd = line.start
                resume = line.end
            }
            appendText(textStart..<textEnd, to: &frames[frames.count - 1].nodes, template: &template)
            textStart = resume
            searchFrom = resume

            switch tag.kind {
            case .variable(let escaped):
                frames[frames.count - 1].nodes.append(.variable(path: tag.path, escaped: escaped, at: position(of: open)))
            case .section(let inverted):
                frames.append(OpenSection(name: tag.name, path: tag.path, inverted: inverted, offset: open, nodes: []))
            case .close:
                guard frames.count > 1 else {
                    throw error(at: open, "unexpected close '\(tag.name)'")
                }
                let section = frames.removeLast()
                guard section.name == tag.name else {
                    throw error(at: open, "mismatched close '\(tag.name)', expected '\(section.name)'")
                }
                frames[frames.count - 1].nodes.append(.section(
                    path: section.path, inverted: section.inverted, children: section.nodes,
                    at: position(of: section.offset)))
            case .partial:
                let position = position(of: open)
                template.partialReferences.append(.init(name: tag.name, line: position.line, column: position.column))
                frames[frames.count - 1].nodes.append(.partial(name: tag.name, at: position))
            case .message:
                template.messageKeys.insert(tag.name)
                frames[frames.count - 1].nodes.append(.message(key: tag.name, at: position(of: open)))
            case .comment:
                break
            }
        }
        appendText(textStart..<bytes.count, to: &frames[frames.count - 1].nodes, template: &template)

        if frames.count > 1, let unclosed = frames.last {
            throw error(at: unclosed.offset, "unclosed section '\(unclosed.name)'")
        }
        template.nodes = frames[0].nodes
        return template
    }

    // MARK: - Tags

    private struct OpenSection {
        var name: String
        var path: [String]
        var inverted: Bool
        var offset: Int
        var nodes: [TemplateNode]
    }

    private struct Tag {
        enum Kind {
            case variable(escaped: Bool)
            case section(inverted: Bool)
            case close
            case partial
            case message
            case comment

            var canStandAlone: Bool {
                switch self {
                case .variable, .message: false
                case .section, .close, .partial, .comment: true
                }
            }
        }

        var kind: Kind
        var name: String
        var path: [String]
        /// Offset just past the closing delimiter.
        var end: Int
    }

    private func readTag(at open: Int) throws(TemplateError) -> Tag {
        let triple = open + 2 < bytes.count && bytes[open + 2] == openBrace
        let contentStart = open + (triple ? 3 : 2)
        let closer = triple ? tripleCloseDelimiter : closeDelimiter
        // Another `{{` before the closer means this tag was never closed; reporting the first one
        // points at the real mistake instead of swallowing the next tag into a strange name.
        guard let close = find(closer, from: contentStart, before: bytes.count),
              find(openDelimiter, from: contentStart, before: close) == nil
        else {
            throw error(at: open, "unclosed tag")
        }
        let end = close + closer.count
        var content = trimmed(contentStart..<close)

        let kind: Tag.Kind
        if triple {
            kind = .variable(escaped: false)
        } else {
            switch content.isEmpty ? 0 : bytes[content.lowerBound] {
            case UInt8(ascii: "#"): kind = .section(inverted: false)
            case UInt8(ascii: "^"): kind = .section(inverted: true)
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "!"): kind = .comment
            // `t` needs whitespace after it so `{{ title }}` and `{{ t }}` stay plain variables.
            case UInt8(ascii: "t") where content.count > 1 && isWhitespace(bytes[content.lowerBound + 1]):
                kind = .message
            default: kind = .variable(escaped: true)
            }
            if case .variable = kind {} else {
                content = trimmed(content.lowerBound + 1..<content.upperBound)
            }
        }
        if case .comment = kind {
            return Tag(kind: kind, name: "", path: [], end: end)
        }

        let name = String(decoding: bytes[content], as: UTF8.self)
        guard !name.isEmpty else {
            throw error(at: open, "empty name")
        }
        guard bytes[content].allSatisfy({ !isWhitespace($0) && $0 != openBrace && $0 != closeBrace }) else {
            throw error(at: open, "invalid name '\(name)'")
        }
        var path: [String] = []
        switch kind {
        case .variable, .section, .close:
            if name != "." {
                path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard !path.contains(where: \.isEmpty) else {
                    throw error(at: open, "invalid name '\(name)'")
                }
            }
        case .partial, .message, .comment:
            break
        }
        return Tag(kind: kind, name: name, path: path, end: end)
    }

    /// The full line around a tag if nothing but whitespace shares it, including its line break.
    private func standaloneLine(start: Int, end: Int) -> (start: Int, end: Int)? {
        var lineStart = start
        while lineStart > 0, isBlank(bytes[lineStart - 1]) {
            lineStart -= 1
        }
        guard lineStart == 0 || bytes[lineStart - 1] == newline else { return nil }
        var lineEnd = end
        while lineEnd < bytes.count, isBlank(bytes[lineEnd]) {
            lineEnd += 1
        }
        if lineEnd == bytes.count {
            return (lineStart, lineEnd)
        }
        if bytes[lineEnd] == newline {
            return (lineStart, lineEnd + 1)
        }
        if bytes[lineEnd] == carriageReturn, lineEnd + 1 < bytes.count, bytes[lineEnd + 1] == newline {
            return (lineStart, lineEnd + 2)
        }
        return nil
    }

    // MARK: - Bytes

    private func appendText(_ range: Range<Int>, to nodes: inout [TemplateNode], template: inout Template) {
        guard !range.isEmpty else { return }
        template.textByteCount += range.count
        // Merge with preceding text (e.g. around a comment) so rendering does one copy, not two.
        if case .text(let previous) = nodes.last {
            nodes[nodes.count - 1] = .text(previous + bytes[range])
        } else {
            nodes.append(.text(Array(bytes[range])))
        }
    }

    private func find(_ needle: [UInt8], from start: Int, before limit: Int) -> Int? {
        guard needle.count <= limit - start else { return nil }
        var index = start
        let last = limit - needle.count
        while index <= last {
            if bytes[index] == needle[0] {
                var matched = 1
                while matched < needle.count, bytes[index + matched] == needle[matched] {
                    matched += 1
                }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// 1-based line and column; the column counts characters, as editors do, not bytes.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let prefix = String(decoding: bytes[lineStarts[low]..<offset], as: UTF8.self)
        return (low + 1, prefix.count + 1)
    }

    private func position(of offset: Int) -> TemplatePosition {
        let (line, column) = location(of: offset)
        return TemplatePosition(line: line, column: column)
    }

    private func error(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = location(of: offset)
        return TemplateError(file: file, line: line, column: column, message: message)
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == newline || byte == carriageReturn
    }
}

private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
private let openDelimiter = Array("{{".utf8)
private let closeDelimiter = Array("}}".utf8)
private let tripleCloseDelimiter = Array("}}}".utf8)
