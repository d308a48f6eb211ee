#if canImport(Glibc)
import Glibc
#endif

/// Splits a `multipart/form-data` body into parts as bytes arrive, in pieces of any size
/// (RFC 2046 §5.1.1). It keeps only what it cannot decide on yet: a possible delimiter cut off
/// at the end of a piece, or an unfinished header section, never a whole part.
struct MultipartParser {
    enum Event {
        case partBegan(MultipartPartHead)
        /// The next bytes of the current part's content.
        case content(ArraySlice<UInt8>)
        case partEnded
    }

    private enum State {
        case preamble, headers, content, epilogue
    }

    /// Whitespace allowed between a boundary and its CRLF; more is taken as content.
    private static let maxTransportPadding = 256

    /// CRLF "--" boundary: a delimiter only counts at the start of a line.
    private let delimiter: [UInt8]
    private let limits: MultipartLimits
    /// Starts with a CRLF so that a delimiter on the body's first line is found like any other.
    private var buffer: [UInt8] = [ASCII.cr, ASCII.lf]
    private var state = State.preamble
    private var partCount = 0

    init(boundary: String, limits: MultipartLimits) {
        delimiter = [ASCII.cr, ASCII.lf, UInt8(ascii: "-"), UInt8(ascii: "-")] + Array(boundary.utf8)
        self.limits = limits
    }

    mutating func consume(_ bytes: [UInt8], _ handle: (Event) throws -> Void) throws {
        guard state != .epilogue else { return }
        buffer += bytes
        var position = 0
        defer { buffer.removeFirst(position) }
        while try step(&position, handle) {}
    }

    /// Throws unless the close delimiter has been seen.
    func finish() throws {
        switch state {
        case .epilogue:
            return
        case .preamble:
            throw MultipartError(.missingFinalBoundary, reason: "body contains no boundary delimiter")
        case .headers, .content:
            throw MultipartError(.missingFinalBoundary, reason: "body ends before the close delimiter")
        }
    }

    /// Advances through what is buffered; false when more bytes are needed.
    private mutating func step(_ position: inout Int, _ handle: (Event) throws -> Void) throws -> Bool {
        switch state {
        case .epilogue:
            position = buffer.count
            return false
        case .preamble:
            switch findDelimiter(from: position) {
            case .notFound(let safeEnd):
                position = safeEnd
                return false
            case .undecided(let start):
                position = start
                return false
            case .delimiter(_, let next):
                try beginPart()
                position = next
                state = .headers
            case .close:
                position = buffer.count
                state = .epilogue
            }
        case .headers:
            guard let end = headerSectionEnd(from: position) else {
                // A section of exactly the limit still needs its blank line to arrive.
                if buffer.count - position >= limits.maxHeaderBytes + 2 { throw headerTooLarge() }
                return false
            }
            guard end - position <= limits.maxHeaderBytes else { throw headerTooLarge() }
            try handle(.partBegan(MultipartPartHead(headerSection: buffer[position..<end])))
            position = end + 2
            state = .content
        case .content:
            switch findDelimiter(from: position) {
            case .notFound(let end), .undecided(let end):
                if end > position { try handle(.content(buffer[position..<end])) }
                position = end
                return false
            case .delimiter(let start, let next):
                if start > position { try handle(.content(buffer[position..<start])) }
                try handle(.partEnded)
                try beginPart()
                position = next
                state = .headers
            case .close(let start):
                if start > position { try handle(.content(buffer[position..<start])) }
                try handle(.partEnded)
                position = buffer.count
                state = .epilogue
            }
        }
        return true
    }

    private mutating func beginPart() throws {
        partCount += 1
        guard partCount <= limits.maxParts else {
            throw MultipartError(.tooManyParts, reason: "more than \(limits.maxParts) parts")
        }
    }

    private func headerTooLarge() -> MultipartError {
        MultipartError(.headerTooLarge, reason: "part header section over \(limits.maxHeaderBytes) bytes")
    }

    /// The index just past the last header line's CRLF, where the blank line starts; the
    /// section is empty when the part starts with that blank line.
    private func headerSectionEnd(from position: Int) -> Int? {
        guard buffer.count - position >= 2 else { return nil }
        if buffer[position] == ASCII.cr && buffer[position + 1] == ASCII.lf { return position }
        return search([ASCII.cr, ASCII.lf, ASCII.cr, ASCII.lf], from: position).map { $0 + 2 }
    }

    private enum DelimiterSearch {
        /// No delimiter starts before `safeEnd`; what follows may be the start of one.
        case notFound(safeEnd: Int)
        /// A delimiter may start at `start`, but the bytes after it have not arrived yet.
        case undecided(start: Int)
        /// A delimiter line from `start`; the next part's headers begin at `next`.
        case delimiter(start: Int, next: Int)
        case close(start: Int)
    }

    /// Finds the next delimiter line. A boundary followed by anything other than `--`, or by
    /// optional whitespace and CRLF, is content that merely looks like one.
    private func findDelimiter(from position: Int) -> DelimiterSearch {
        var from = position
        while let start = search(delimiter, from: from) {
            var index = start + delimiter.count
            guard index + 2 <= buffer.count else { return .undecided(start: start) }
            if buffer[index] == UInt8(ascii: "-") && buffer[index + 1] == UInt8(ascii: "-") {
                return .close(start: start)
            }
            while index < buffer.count, buffer[index] == ASCII.space || buffer[index] == ASCII.tab,
                  index - start - delimiter.count < Self.maxTransportPadding {
                index += 1
            }
            if index + 2 > buffer.count { return .undecided(start: start) }
            if buffer[index] == ASCII.cr && buffer[index + 1] == ASCII.lf {
                return .delimiter(start: start, next: index + 2)
            }
            from = start + 1
        }
        return .notFound(safeEnd: max(from, buffer.count - (delimiter.count - 1)))
    }

    /// The first index at or after `position` where `needle` starts. memchr finds candidates for
    /// the first byte, so content without CRs is skipped at memory speed.
    private func search(_ needle: [UInt8], from position: Int) -> Int? {
        guard buffer.count - position >= needle.count else { return nil }
        return buffer.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                let base = haystack.baseAddress!
                let lastStart = haystack.count - needle.count
                var index = position
                while index <= lastStart {
                    guard let found = memchr(base + index, Int32(needle[0]), lastStart - index + 1) else { return nil }
                    index = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + index, needle.baseAddress!, needle.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}
