import Foundation

/// Reads stored JSON into a `Decodable` value as `JSONDecoder` with its default strategies does,
/// from one pass over the bytes.
///
/// Every action loads the claim it changes, and with `JSONDecoder` that cost about 400,000
/// instructions for a document of about a kilobyte. This decoder first notes where each value is
/// (a flat list of tokens, each container knowing where it ends), then lets `Decodable` code read
/// them in place: an object's members are found by comparing key bytes, and a string becomes a
/// `String` only when it is asked for.
///
/// It handles what stored documents hold: objects with plain keys, arrays, strings, numbers,
/// booleans and null. Anything else (a key with an escape, `Data`, `URL` or `Decimal`, which
/// `JSONDecoder` reads its own way, a super decoder, a number out of range) and every error hands
/// the text to `JSONDecoder`, so what comes back, and every error thrown, is always `JSONDecoder`'s.
/// For the same reason coding paths are left empty here: an error is reported by `JSONDecoder`.
enum StoredJSONDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        if let value = try? parsed(type, from: text) { return value }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// This decoder alone; throws where `decode` hands the text to `JSONDecoder`.
    static func parsed<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let document = try JSONTape(Array(text.utf8))
        return try document.decode(type, at: 0)
    }
}

/// What the tape leaves to `JSONDecoder`.
enum JSONTapeFallback: Error {
    case malformed, tooDeep, escapedKey, specialType, mismatch, outOfRange, superDecoder, missing
}

/// A JSON text and its tokens, in document order.
final class JSONTape {
    enum Kind: UInt8 {
        case null, `true`, `false`, number, string, escapedString, array, object
    }

    /// One value. For a scalar, `start..<end` are its bytes (a string's without its quotes). For a
    /// container, `end` is the index of the token after its last member, and `count` how many
    /// members it has; an object's members are a key token followed by the value's tokens.
    struct Token {
        var kind: Kind
        var start: Int32
        var end: Int32
        var count: Int32
    }

    let bytes: [UInt8]
    private(set) var tokens: [Token] = []

    private static let maximumDepth = 512

    init(_ bytes: [UInt8]) throws {
        // Offsets are kept in 32 bits; a longer text (no stored document comes near) is JSONDecoder's.
        guard bytes.count < Int32.max else { throw JSONTapeFallback.outOfRange }
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 8 + 4)
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            parser.skipSpace()
            try parser.value(into: &tokens, depth: 0)
            parser.skipSpace()
            guard parser.at == buffer.count else { throw JSONTapeFallback.malformed }
        }
    }

    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        // JSONDecoder reads these its own way, not as their `Decodable` conformance would.
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw JSONTapeFallback.specialType }
        return try T(from: TapeDecoder(tape: self, index: index))
    }

    /// The index of the token after the value at `index` and everything in it.
    @inline(__always)
    func next(after index: Int) -> Int {
        let token = tokens[index]
        switch token.kind {
        case .array, .object: return Int(token.end)
        default: return index + 1
        }
    }

    // MARK: Scalars

    func isNull(_ index: Int) -> Bool { tokens[index].kind == .null }

    func bool(_ index: Int) throws -> Bool {
        switch tokens[index].kind {
        case .true: return true
        case .false: return false
        default: throw JSONTapeFallback.mismatch
        }
    }

    func string(_ index: Int) throws -> String {
        let token = tokens[index]
        switch token.kind {
        case .string:
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)]), as: UTF8.self)
            }
        case .escapedString:
            return try unescaped(Int(token.start)..<Int(token.end))
        default:
            throw JSONTapeFallback.mismatch
        }
    }

    /// Whether the plain string at `index` is exactly `key`'s bytes.
    @inline(__always)
    func keyMatches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let token = tokens[index]
        guard Int(token.end - token.start) == key.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let keyBase = key.baseAddress else { return key.isEmpty }
            return memcmp(base + Int(token.start), keyBase, key.count) == 0
        }
    }

    func integer<T: FixedWidthInteger>(_ index: Int, as type: T.Type) throws -> T {
        let token = tokens[index]
        guard token.kind == .number else { throw JSONTapeFallback.mismatch }
        var at = Int(token.start)
        let end = Int(token.end)
        let negative = bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        var magnitude: UInt64 = 0
        while at < end {
            let digit = bytes[at] &- UInt8(ascii: "0")
            // A fraction or an exponent: JSONDecoder's rules for those are its own.
            guard digit < 10 else { throw JSONTapeFallback.outOfRange }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1 && !overflow2 else { throw JSONTapeFallback.outOfRange }
            magnitude = sum
            at += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw JSONTapeFallback.outOfRange }
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            guard let result = T(exactly: value) else { throw JSONTapeFallback.outOfRange }
            return result
        }
        guard let result = T(exactly: magnitude) else { throw JSONTapeFallback.outOfRange }
        return result
    }

    func double(_ index: Int) throws -> Double {
        guard let value = Double(try numberText(index)), value.isFinite else { throw JSONTapeFallback.outOfRange }
        return value
    }

    /// Parsed from the text, not narrowed from a `Double`, which could round twice.
    func float(_ index: Int) throws -> Float {
        guard let value = Float(try numberText(index)), value.isFinite else { throw JSONTapeFallback.outOfRange }
        return value
    }

    /// A number's text: short enough for a string kept inline, without an allocation.
    private func numberText(_ index: Int) throws -> String {
        let token = tokens[index]
        guard token.kind == .number else { throw JSONTapeFallback.mismatch }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)]), as: UTF8.self)
        }
    }

    private func unescaped(_ range: Range<Int>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var at = range.lowerBound
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= range.upperBound else { throw JSONTapeFallback.malformed }
            var value: UInt32 = 0
            for byte in bytes[at..<at + 4] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw JSONTapeFallback.malformed
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while at < range.upperBound {
            let byte = bytes[at]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                at += 1
                continue
            }
            guard at + 1 < range.upperBound else { throw JSONTapeFallback.malformed }
            let escape = bytes[at + 1]
            at += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at)
                at += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard at + 6 <= range.upperBound, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u")
                    else { throw JSONTapeFallback.malformed }
                    let low = try hex4(at + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw JSONTapeFallback.malformed }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    at += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw JSONTapeFallback.malformed }
                out.append(contentsOf: UTF8.encode(unicode)!)
            default:
                throw JSONTapeFallback.malformed
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Parsing

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x09, 0x0A, 0x0D: at += 1
                default: return
                }
            }
        }

        mutating func value(into tokens: inout [Token], depth: Int) throws {
            guard at < bytes.count else { throw JSONTapeFallback.malformed }
            switch bytes[at] {
            case UInt8(ascii: "{"): try container(into: &tokens, depth: depth, isObject: true)
            case UInt8(ascii: "["): try container(into: &tokens, depth: depth, isObject: false)
            case UInt8(ascii: "\""): try string(into: &tokens)
            case UInt8(ascii: "t"): try literal("true", .true, into: &tokens)
            case UInt8(ascii: "f"): try literal("false", .false, into: &tokens)
            case UInt8(ascii: "n"): try literal("null", .null, into: &tokens)
            default: try number(into: &tokens)
            }
        }

        private mutating func container(into tokens: inout [Token], depth: Int, isObject: Bool) throws {
            guard depth < JSONTape.maximumDepth else { throw JSONTapeFallback.tooDeep }
            let index = tokens.count
            tokens.append(Token(kind: isObject ? .object : .array, start: Int32(at), end: 0, count: 0))
            at += 1
            skipSpace()
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            var count: Int32 = 0
            if at < bytes.count, bytes[at] == close {
                at += 1
            } else {
                while true {
                    if isObject {
                        guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw JSONTapeFallback.malformed }
                        try string(into: &tokens)
                        skipSpace()
                        guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw JSONTapeFallback.malformed }
                        at += 1
                        skipSpace()
                    }
                    try value(into: &tokens, depth: depth + 1)
                    count += 1
                    skipSpace()
                    guard at < bytes.count else { throw JSONTapeFallback.malformed }
                    if bytes[at] == UInt8(ascii: ",") {
                        at += 1
                        skipSpace()
                    } else if bytes[at] == close {
                        at += 1
                        break
                    } else {
                        throw JSONTapeFallback.malformed
                    }
                }
            }
            tokens[index].end = Int32(tokens.count)
            tokens[index].count = count
        }

        private mutating func string(into tokens: inout [Token]) throws {
            at += 1
            let start = at
            var escaped = false
            while true {
                guard at < bytes.count else { throw JSONTapeFallback.malformed }
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    at += 2
                    continue
                }
                // Control characters must be escaped in JSON.
                guard byte >= 0x20 else { throw JSONTapeFallback.malformed }
                at += 1
            }
            tokens.append(Token(kind: escaped ? .escapedString : .string, start: Int32(start), end: Int32(at), count: 0))
            at += 1
        }

        private mutating func literal(_ word: StaticString, _ kind: Kind, into tokens: inout [Token]) throws {
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count,
                  memcmp(bytes.baseAddress! + at, word.utf8Start, count) == 0 else { throw JSONTapeFallback.malformed }
            tokens.append(Token(kind: kind, start: Int32(at), end: Int32(at + count), count: 0))
            at += count
        }

        /// A number as JSON writes it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        private mutating func number(into tokens: inout [Token]) throws {
            let start = at
            func digits() -> Int {
                let from = at
                while at < bytes.count, bytes[at] &- UInt8(ascii: "0") < 10 { at += 1 }
                return at - from
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            let first = at
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || bytes[first] != UInt8(ascii: "0") else {
                throw JSONTapeFallback.malformed
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digits() > 0 else { throw JSONTapeFallback.malformed }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { throw JSONTapeFallback.malformed }
            }
            tokens.append(Token(kind: .number, start: Int32(start), end: Int32(at), count: 0))
        }
    }
}

// MARK: - Decoder

private struct TapeDecoder: Decoder {
    let tape: JSONTape
    let index: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try TapeKeyedContainer<Key>(tape: tape, index: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TapeUnkeyedContainer(tape: tape, index: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValueContainer(tape: tape, index: index)
    }
}

private struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tape: JSONTape
    /// Each member's key token; its value's token is the next one.
    private let keys: [Int]
    var codingPath: [any CodingKey] { [] }

    init(tape: JSONTape, index: Int) throws {
        let token = tape.tokens[index]
        guard token.kind == .object else { throw JSONTapeFallback.mismatch }
        self.tape = tape
        var keys: [Int] = []
        keys.reserveCapacity(Int(token.count))
        var member = index + 1
        while member < Int(token.end) {
            // Keys are compared as bytes; one with an escape is left to JSONDecoder.
            guard tape.tokens[member].kind == .string else { throw JSONTapeFallback.escapedKey }
            keys.append(member)
            member = tape.next(after: member + 1)
        }
        self.keys = keys
    }

    var allKeys: [Key] { keys.compactMap { (try? tape.string($0)).flatMap(Key.init(stringValue:)) } }

    /// The token of `key`'s value. A key given twice is JSONDecoder's to settle.
    private func find(_ key: Key) throws -> Int? {
        var name = key.stringValue
        return try name.withUTF8 { bytes in
            var found: Int?
            for member in keys where tape.keyMatches(member, bytes) {
                guard found == nil else { throw JSONTapeFallback.malformed }
                found = member + 1
            }
            return found
        }
    }

    private func value(_ key: Key) throws -> Int {
        guard let index = try find(key) else { throw JSONTapeFallback.missing }
        return index
    }

    /// Whether the object has `key` at all; any other read of a key given twice throws.
    func contains(_ key: Key) -> Bool {
        var name = key.stringValue
        return name.withUTF8 { bytes in keys.contains { tape.keyMatches($0, bytes) } }
    }
    func decodeNil(forKey key: Key) throws -> Bool { tape.isNull(try value(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try tape.bool(try value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try tape.string(try value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try tape.double(try value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try tape.float(try value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try tape.integer(try value(key), as: type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try tape.integer(try value(key), as: type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try tape.integer(try value(key), as: type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try tape.integer(try value(key), as: type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try tape.integer(try value(key), as: type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try tape.integer(try value(key), as: type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try tape.integer(try value(key), as: type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try tape.integer(try value(key), as: type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try tape.integer(try value(key), as: type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try tape.integer(try value(key), as: type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try tape.decode(type, at: try value(key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try TapeKeyedContainer<NestedKey>(tape: tape, index: try value(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TapeUnkeyedContainer(tape: tape, index: try value(key))
    }

    func superDecoder() throws -> any Decoder { throw JSONTapeFallback.superDecoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw JSONTapeFallback.superDecoder }
}

private struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    let tape: JSONTape
    let count: Int?
    private(set) var currentIndex = 0
    /// The token of the next element.
    private var at: Int
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(tape: JSONTape, index: Int) throws {
        let token = tape.tokens[index]
        guard token.kind == .array else { throw JSONTapeFallback.mismatch }
        self.tape = tape
        count = Int(token.count)
        at = index + 1
    }

    /// The next element's token, moving past it.
    private mutating func advance() throws -> Int {
        guard !isAtEnd else { throw JSONTapeFallback.missing }
        let index = at
        at = tape.next(after: at)
        currentIndex += 1
        return index
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw JSONTapeFallback.missing }
        guard tape.isNull(at) else { return false }
        _ = try advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try tape.bool(try advance()) }
    mutating func decode(_ type: String.Type) throws -> String { try tape.string(try advance()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try tape.double(try advance()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try tape.float(try advance()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try tape.integer(try advance(), as: type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try tape.integer(try advance(), as: type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try tape.decode(type, at: try advance()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try TapeKeyedContainer<NestedKey>(tape: tape, index: try advance()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TapeUnkeyedContainer(tape: tape, index: try advance())
    }

    mutating func superDecoder() throws -> any Decoder { throw JSONTapeFallback.superDecoder }
}

private struct TapeSingleValueContainer: SingleValueDecodingContainer {
    let tape: JSONTape
    let index: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { tape.isNull(index) }
    func decode(_ type: Bool.Type) throws -> Bool { try tape.bool(index) }
    func decode(_ type: String.Type) throws -> String { try tape.string(index) }
    func decode(_ type: Double.Type) throws -> Double { try tape.double(index) }
    func decode(_ type: Float.Type) throws -> Float { try tape.float(index) }
    func decode(_ type: Int.Type) throws -> Int { try tape.integer(index, as: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try tape.integer(index, as: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try tape.integer(index, as: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try tape.integer(index, as: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try tape.integer(index, as: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try tape.integer(index, as: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.integer(index, as: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try tape.integer(index, as: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try tape.integer(index, as: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try tape.integer(index, as: type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try tape.decode(type, at: index) }
}
