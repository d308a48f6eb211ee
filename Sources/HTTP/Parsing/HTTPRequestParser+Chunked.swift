// The chunked transfer coding (RFC 9112 §7.1).
extension HTTPRequestParser {
    /// nil when more bytes are needed; `.some(nil)` when a state change consumed input but has
    /// nothing to yield yet; `.some(part)` to yield.
    mutating func advanceChunked() throws(HTTPParseError) -> HTTPRequestPart?? {
        switch state {
        case .chunkSize:
            guard let line = try nextLine(limit: limits.maxChunkLineBytes, tooLong: .badRequest("chunk size line too long")) else {
                return nil
            }
            let size = try Self.parseChunkSize(buffer[line])
            if size == 0 {
                state = .trailers
                return .some(nil)
            }
            let (total, overflow) = chunkedBodyBytes.addingReportingOverflow(size)
            if overflow || total > limits.maxBodyBytes { throw .bodyTooLarge }
            chunkedBodyBytes = total
            state = .chunkData(remaining: size)
            return .some(nil)
        case .chunkData(let remaining):
            let available = min(remaining, buffer.count - start)
            guard available > 0 else { return nil }
            state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)
            return .some(.body(take(available)))
        case .chunkDataEnd:
            guard buffer.count - start >= 2 else { return nil }
            guard buffer[start] == ASCII.cr, buffer[start + 1] == ASCII.lf else {
                throw .badRequest("chunk data not followed by CRLF")
            }
            start += 2
            state = .chunkSize
            return .some(nil)
        case .trailers:
            // Trailer fields are read for framing and then discarded: nothing here may
            // influence how the request is handled.
            let budget = limits.maxHeaderBytes - sectionBytes
            guard let line = try nextLine(limit: max(0, budget - 2), tooLong: .headersTooLarge) else {
                return nil
            }
            if line.isEmpty {
                state = .end
                return .some(nil)
            }
            sectionBytes += line.count + 2
            _ = try Self.parseFieldLine(buffer[line])
            return .some(nil)
        default:
            return .some(nil)
        }
    }

    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = ASCII.hexValue(line[index]) {
            let (times16, overflow1) = size.multipliedReportingOverflow(by: 16)
            let (sum, overflow2) = times16.addingReportingOverflow(Int(digit))
            if overflow1 || overflow2 { throw .badRequest("chunk size overflows") }
            size = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw .badRequest("invalid chunk size") }
        // Only whitespace before a `;` may follow the size; extensions are checked, then ignored.
        var rest = line[index...]
        skipBlanks(&rest)
        if let byte = rest.first, byte != ASCII.semicolon { throw .badRequest("invalid chunk size") }
        guard validChunkExtensions(rest) else { throw .badRequest("invalid chunk extension") }
        return size
    }

    /// RFC 9112 §7.1.1: `*( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )`. A `;`
    /// without a name (`2;`), or a value that is neither a token nor a quoted string, is refused,
    /// as strict parsers do, so no two servers read one body differently.
    static func validChunkExtensions(_ text: ArraySlice<UInt8>) -> Bool {
        var rest = text
        while let first = rest.first {
            guard first == ASCII.semicolon else { return false }
            rest.removeFirst()
            skipBlanks(&rest)
            guard readToken(&rest) else { return false }
            skipBlanks(&rest)
            if rest.first == UInt8(ascii: "=") {
                rest.removeFirst()
                skipBlanks(&rest)
                guard rest.first == UInt8(ascii: "\"") ? readQuotedString(&rest) : readToken(&rest) else { return false }
                skipBlanks(&rest)
            }
        }
        return true
    }

    private static func skipBlanks(_ rest: inout ArraySlice<UInt8>) {
        while let byte = rest.first, byte == ASCII.space || byte == ASCII.tab { rest.removeFirst() }
    }

    private static func readToken(_ rest: inout ArraySlice<UInt8>) -> Bool {
        let start = rest.startIndex
        while let byte = rest.first, ASCII.isTokenChar(byte) { rest.removeFirst() }
        return rest.startIndex > start
    }

    /// `"` *( qdtext / `\` any visible or blank ) `"`.
    private static func readQuotedString(_ rest: inout ArraySlice<UInt8>) -> Bool {
        rest.removeFirst()
        while let byte = rest.first {
            rest.removeFirst()
            switch byte {
            case UInt8(ascii: "\""): return true
            case UInt8(ascii: "\\"):
                guard let escaped = rest.first, escaped == ASCII.tab || escaped >= 0x20 && escaped != 0x7F else { return false }
                rest.removeFirst()
            case ASCII.tab, 0x20...0x7E, 0x80...0xFF:
                if byte == 0x7F { return false }
            default:
                return false
            }
        }
        return false
    }
}
