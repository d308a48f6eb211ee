/// An incremental HTTP/1.1 request parser over bytes (RFC 9112).
///
/// Feed it bytes as they arrive and pull `HTTPRequestPart`s until it returns nil. It never
/// performs I/O, and it is strict where leniency enables request smuggling: anything ambiguous
/// is refused with a 400 and the connection is expected to close. After an error every further
/// call throws the same error.
public struct HTTPRequestParser: Sendable {
    enum State: Sendable {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case end
        case failed(HTTPParseError)
    }

    public let limits: HTTPParserLimits
    var state: State = .requestLine
    var buffer: [UInt8] = []
    /// Index of the first unconsumed byte; bytes before it are dropped lazily to avoid copying.
    var start = 0
    /// How far the current unterminated line has already been scanned, so one-byte feeds stay linear.
    var lineScanOffset = 0

    // The message being read.
    var requestLine: (method: String, target: String, version: String)?
    var fields: [(String, String)] = []
    var sectionBytes = 0
    var chunkedBodyBytes = 0

    // Used only by `nextRequest()`, which assembles whole requests in memory.
    var assembledHead: HTTPRequestHead?
    var assembledBody: [UInt8] = []

    public init(limits: HTTPParserLimits = .init()) {
        self.limits = limits
    }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet consumed, such as a pipelined request waiting its turn.
    public var bufferedByteCount: Int { buffer.count - start }

    /// True between requests with nothing buffered: closing the connection now loses nothing.
    public var isBetweenRequests: Bool {
        if case .requestLine = state, start == buffer.count { return true }
        return false
    }

    /// The next part, nil when more bytes are needed.
    public mutating func nextPart() throws(HTTPParseError) -> HTTPRequestPart? {
        do {
            return try advance()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> HTTPRequestPart? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine:
                guard let line = try nextLine(limit: limits.maxRequestLineBytes, tooLong: .requestLineTooLong) else {
                    return nil
                }
                // RFC 9112 §2.2: empty lines before a request line are ignored.
                if line.isEmpty { continue }
                requestLine = try Self.parseRequestLine(buffer[line])
                state = .headers
            case .headers:
                let budget = limits.maxHeaderBytes - sectionBytes
                guard let line = try nextLine(limit: max(0, budget - 2), tooLong: .headersTooLarge) else {
                    return nil
                }
                if line.isEmpty {
                    return .head(try completeHead())
                }
                sectionBytes += line.count + 2
                if sectionBytes > limits.maxHeaderBytes { throw .headersTooLarge }
                if fields.count >= limits.maxHeaderCount { throw .tooManyHeaders }
                fields.append(try Self.parseFieldLine(buffer[line]))
            case .fixedBody(let remaining):
                if remaining == 0 {
                    state = .end
                    continue
                }
                let available = min(remaining, buffer.count - start)
                guard available > 0 else { return nil }
                state = .fixedBody(remaining: remaining - available)
                return .body(take(available))
            case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
                guard let part = try advanceChunked() else { return nil }
                if let part { return part }
            case .end:
                resetMessage()
                return .end
            }
        }
    }

    private mutating func completeHead() throws(HTTPParseError) -> HTTPRequestHead {
        guard let requestLine else { throw .badRequest("missing request line") }
        let headers = HTTPHeaders(fields)
        let framing = try Self.framing(of: headers, version: requestLine.version, limits: limits)
        let head = HTTPRequestHead(
            method: HTTPMethod(requestLine.method),
            target: requestLine.target,
            version: requestLine.version,
            headers: headers,
            framing: framing
        )
        switch framing {
        case .none: state = .end
        case .contentLength(let length): state = .fixedBody(remaining: length)
        case .chunked: state = .chunkSize
        }
        sectionBytes = 0
        return head
    }

    private mutating func resetMessage() {
        state = .requestLine
        requestLine = nil
        fields.removeAll(keepingCapacity: true)
        sectionBytes = 0
        chunkedBodyBytes = 0
    }

    /// Consumes and returns `count` buffered bytes.
    mutating func take(_ count: Int) -> [UInt8] {
        let bytes = Array(buffer[start..<start + count])
        start += count
        return bytes
    }

    /// The next CRLF-terminated line (without CRLF), nil when incomplete. A bare CR or bare LF is
    /// refused rather than guessed at, since peers disagreeing on line ends is a smuggling vector.
    mutating func nextLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Range<Int>? {
        var index = start + lineScanOffset
        while index < buffer.count {
            let byte = buffer[index]
            if byte == ASCII.lf {
                guard index > start, buffer[index - 1] == ASCII.cr else {
                    throw .badRequest("bare LF in line")
                }
                let line = start..<(index - 1)
                guard line.count <= limit else { throw tooLong }
                start = index + 1
                lineScanOffset = 0
                return line
            }
            if byte == ASCII.cr, index + 1 < buffer.count, buffer[index + 1] != ASCII.lf {
                throw .badRequest("bare CR in line")
            }
            index += 1
        }
        // Leave a trailing CR unscanned so the LF that may follow is checked next time.
        lineScanOffset = max(0, buffer.count - start - 1)
        if buffer.count - start > limit + 1 { throw tooLong }
        return nil
    }
}
