import Foundation

/// Writes an `Encodable` value as the same bytes `JSONEncoder` with `.sortedKeys` writes, straight
/// into one byte buffer.
///
/// `JSONEncoder` builds a tree of boxed values, checks every value's type against the special
/// ones, and sorts each object's keys as strings; for a claim that is most of the cost of saving
/// it, paid while the write transaction is held. This encoder writes each value where it belongs
/// as it is encoded: an object's members are sorted in place, by moving bytes, when it closes.
///
/// It follows the order `Encodable` code almost always keeps: a container is written to only
/// until one opened after it, outside it, is written to. A container is closed when its parent is
/// written to again. Anything else (a container used out of that order, a super encoder, a key
/// that would need escaping or is written twice, a number JSON cannot hold, `Data`, `URL` or
/// `Decimal`, which `JSONEncoder` writes its own way) makes `encode` hand the value to `JSONEncoder` instead, so
/// the text is always `JSONEncoder`'s.
enum StoredJSONEncoder {
    private static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = try? streamed(value) { return bytes }
        return Array(try foundation.encode(value))
    }

    /// The streaming encoder alone; throws where `encode` falls back to `JSONEncoder`.
    static func streamed<T: Encodable>(_ value: T) throws -> [UInt8] {
        let stream = JSONStream()
        try stream.encode(value, depth: 0)
        return try stream.finish()
    }
}

/// What the streaming encoder leaves to `JSONEncoder`.
enum JSONStreamFallback: Error {
    case outOfOrder, escapedKey, duplicateKey, notFinite, specialType
}

/// The buffer and the containers still open in it, outermost first.
final class JSONStream {
    // `@exclusivity(unchecked)`: the stream is one encoding's, used from one thread, and a dynamic
    // access check on every byte appended cost more than the writing.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var open: [Frame] = []
    /// The members of the open objects, each object's after its parent's.
    @exclusivity(unchecked) private var members: [Member] = []
    @exclusivity(unchecked) private var serial = 0
    /// Set by the calls that cannot throw (nested containers, super encoders) when they break the
    /// order. A super encoder's depth is -1, which every call refuses.
    @exclusivity(unchecked) var failed = false
    /// Set when an object was given the same key twice.
    @exclusivity(unchecked) private var duplicate = false

    private struct Frame {
        let id: Int
        let isObject: Bool
        /// The offset just after the opening bracket.
        let start: Int
        let firstMember: Int
        var count = 0
    }

    /// An object member: its key's opening quote, and the end of its key's bytes.
    private struct Member {
        let start: Int
        let keyEnd: Int
    }

    init() {
        bytes.reserveCapacity(2048)
    }

    func finish() throws -> [UInt8] {
        while !open.isEmpty { close() }
        if failed { throw JSONStreamFallback.outOfOrder }
        if duplicate { throw JSONStreamFallback.duplicateKey }
        return bytes
    }

    // MARK: Containers

    /// Opens an object or array as the value at `depth`, closing whatever is still open inside
    /// its parent. Returns its ID, or -1 (which nothing accepts) when its parent is gone.
    func openContainer(object: Bool, depth: Int) -> Int {
        guard depth >= 0, open.count >= depth else {
            failed = true
            return -1
        }
        while open.count > depth { close() }
        serial += 1
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        open.append(Frame(id: serial, isObject: object, start: bytes.count, firstMember: members.count))
        return serial
    }

    /// The object already opened for the value that starts at `valueStart`, when a value asks
    /// its encoder for a keyed container twice.
    func reopenedObject(depth: Int, valueStart: Int) -> Int? {
        guard depth >= 0, open.count > depth, open[depth].isObject, open[depth].start == valueStart + 1 else { return nil }
        return open[depth].id
    }

    /// Makes container `id`, at `depth`, the innermost again before it is written to.
    private func enter(_ id: Int, at depth: Int) throws {
        guard depth >= 0, depth < open.count, open[depth].id == id else { throw JSONStreamFallback.outOfOrder }
        while open.count > depth + 1 { close() }
    }

    private func close() {
        let frame = open.removeLast()
        if frame.isObject {
            sortMembers(of: frame)
            members.removeSubrange(frame.firstMember...)
            bytes.append(UInt8(ascii: "}"))
        } else {
            bytes.append(UInt8(ascii: "]"))
        }
    }

    /// Writes the key of a new member of object `id` at `depth`; its value comes next.
    func key(_ key: String, in id: Int, depth: Int) throws {
        try enter(id, at: depth)
        if open[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth].count += 1
        let start = bytes.count
        bytes.append(UInt8(ascii: "\""))
        for byte in key.utf8 {
            if Self.needsEscape(byte) { throw JSONStreamFallback.escapedKey }
            bytes.append(byte)
        }
        members.append(Member(start: start, keyEnd: bytes.count))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts a new element of array `id` at `depth`.
    func element(in id: Int, depth: Int) throws {
        try enter(id, at: depth)
        if open[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth].count += 1
    }

    /// Before a single value is written at `depth`: closes what its parent left open.
    func single(depth: Int) throws {
        guard depth >= 0, open.count >= depth else { throw JSONStreamFallback.outOfOrder }
        while open.count > depth { close() }
    }

    /// `JSONEncoder` sorts keys by their UTF-8 bytes; members come in declaration order, so each
    /// object is checked and, when out of order, its members' bytes are put in order.
    private func sortMembers(of frame: Frame) {
        let count = members.count - frame.firstMember
        guard count > 1 else { return }
        let end = bytes.count
        var sorted = true
        for index in frame.firstMember + 1 ..< members.count where !keyPrecedes(members[index - 1], members[index]) {
            sorted = false
            break
        }
        if sorted { return }
        var order = Array(members[frame.firstMember...])
        // Each member runs to the comma before the next one, the last to the end of the object.
        var ends: [Int: Int] = [:]
        for (index, member) in order.enumerated() {
            ends[member.start] = index + 1 < order.count ? order[index + 1].start - 1 : end
        }
        order.sort { keyPrecedes($0, $1) }
        // A key written twice: `JSONEncoder` keeps the last value, which is its to decide.
        for index in order.indices.dropFirst() where !keyPrecedes(order[index - 1], order[index]) {
            duplicate = true
        }
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(end - frame.start)
        for (index, member) in order.enumerated() {
            if index > 0 { rewritten.append(UInt8(ascii: ",")) }
            rewritten.append(contentsOf: bytes[member.start ..< ends[member.start]!])
        }
        bytes.replaceSubrange(frame.start ..< end, with: rewritten)
    }

    private func keyPrecedes(_ left: Member, _ right: Member) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let a = UnsafeBufferPointer(rebasing: buffer[left.start + 1 ..< left.keyEnd])
            let b = UnsafeBufferPointer(rebasing: buffer[right.start + 1 ..< right.keyEnd])
            return a.lexicographicallyPrecedes(b)
        }
    }

    // MARK: Values

    func encode<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == String.self { return try string(value as! String, depth: depth) }
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw JSONStreamFallback.specialType }
        if T.self == Date.self { return try double((value as! Date).timeIntervalSinceReferenceDate, depth: depth) }
        let start = bytes.count
        try value.encode(to: StreamEncoder(stream: self, depth: depth, valueStart: start))
        if failed { throw JSONStreamFallback.outOfOrder }
        // A value that wrote nothing is an empty object, as `JSONEncoder` writes it.
        if bytes.count == start {
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "}"))
        }
    }

    func null(depth: Int) throws {
        try single(depth: depth)
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    }

    func bool(_ value: Bool, depth: Int) throws {
        try single(depth: depth)
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
        }
    }

    func integer<I: BinaryInteger>(_ value: I, depth: Int) throws {
        try single(depth: depth)
        if let small = Int64(exactly: value) {
            appendDigits(small)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    private func appendDigits(_ value: Int64) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while magnitude > 0 {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// A floating-point number as `JSONEncoder` writes it: its shortest description, without a
    /// trailing ".0".
    func double(_ value: Double, depth: Int) throws {
        guard value.isFinite else { throw JSONStreamFallback.notFinite }
        try single(depth: depth)
        appendDescription(value.description)
    }

    func float(_ value: Float, depth: Int) throws {
        guard value.isFinite else { throw JSONStreamFallback.notFinite }
        try single(depth: depth)
        appendDescription(value.description)
    }

    private func appendDescription(_ description: String) {
        var utf8 = Substring(description).utf8
        if utf8.count > 2, utf8.last == UInt8(ascii: "0"), utf8.dropLast().last == UInt8(ascii: ".") {
            utf8 = utf8.dropLast(2)
        }
        bytes.append(contentsOf: utf8)
    }

    func string(_ value: String, depth: Int) throws {
        try single(depth: depth)
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices where Self.needsEscape(utf8[index]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart ..< index]))
                appendEscape(utf8[index])
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    private func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}

/// The encoder a value writes itself through: where its value goes in the stream.
private struct StreamEncoder: Encoder {
    let stream: JSONStream
    let depth: Int
    let valueStart: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let id = stream.reopenedObject(depth: depth, valueStart: valueStart) ?? stream.openContainer(object: true, depth: depth)
        return KeyedEncodingContainer(KeyedStream<Key>(stream: stream, id: id, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedStream(stream: stream, id: stream.openContainer(object: false, depth: depth), depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleStream(stream: stream, depth: depth)
    }
}

private struct KeyedStream<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let stream: JSONStream
    let id: Int
    let depth: Int

    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) throws { try stream.key(key.stringValue, in: id, depth: depth) }

    mutating func encodeNil(forKey key: Key) throws { try self.key(key); try stream.null(depth: depth + 1) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try self.key(key); try stream.bool(value, depth: depth + 1) }
    mutating func encode(_ value: String, forKey key: Key) throws { try self.key(key); try stream.string(value, depth: depth + 1) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try self.key(key); try stream.double(value, depth: depth + 1) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try self.key(key); try stream.float(value, depth: depth + 1) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try self.key(key); try stream.integer(value, depth: depth + 1) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try self.key(key); try stream.encode(value, depth: depth + 1) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        var id = -1
        if (try? self.key(key)) != nil {
            id = stream.openContainer(object: true, depth: depth + 1)
        } else {
            stream.failed = true
        }
        return KeyedEncodingContainer(KeyedStream<NestedKey>(stream: stream, id: id, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        var id = -1
        if (try? self.key(key)) != nil {
            id = stream.openContainer(object: false, depth: depth + 1)
        } else {
            stream.failed = true
        }
        return UnkeyedStream(stream: stream, id: id, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        stream.failed = true
        return StreamEncoder(stream: stream, depth: -1, valueStart: -1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

private struct UnkeyedStream: UnkeyedEncodingContainer {
    let stream: JSONStream
    let id: Int
    let depth: Int
    private(set) var count = 0

    init(stream: JSONStream, id: Int, depth: Int) {
        self.stream = stream
        self.id = id
        self.depth = depth
    }

    var codingPath: [any CodingKey] { [] }

    private mutating func next() throws {
        try stream.element(in: id, depth: depth)
        count += 1
    }

    mutating func encodeNil() throws { try next(); try stream.null(depth: depth + 1) }
    mutating func encode(_ value: Bool) throws { try next(); try stream.bool(value, depth: depth + 1) }
    mutating func encode(_ value: String) throws { try next(); try stream.string(value, depth: depth + 1) }
    mutating func encode(_ value: Double) throws { try next(); try stream.double(value, depth: depth + 1) }
    mutating func encode(_ value: Float) throws { try next(); try stream.float(value, depth: depth + 1) }
    mutating func encode(_ value: Int) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int8) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int16) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int32) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: Int64) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt8) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt16) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt32) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode(_ value: UInt64) throws { try next(); try stream.integer(value, depth: depth + 1) }
    mutating func encode<T: Encodable>(_ value: T) throws { try next(); try stream.encode(value, depth: depth + 1) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        var id = -1
        if (try? next()) != nil {
            id = stream.openContainer(object: true, depth: depth + 1)
        } else {
            stream.failed = true
        }
        return KeyedEncodingContainer(KeyedStream<NestedKey>(stream: stream, id: id, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        var id = -1
        if (try? next()) != nil {
            id = stream.openContainer(object: false, depth: depth + 1)
        } else {
            stream.failed = true
        }
        return UnkeyedStream(stream: stream, id: id, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        stream.failed = true
        return StreamEncoder(stream: stream, depth: -1, valueStart: -1)
    }
}

private struct SingleStream: SingleValueEncodingContainer {
    let stream: JSONStream
    let depth: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { try stream.null(depth: depth) }
    mutating func encode(_ value: Bool) throws { try stream.bool(value, depth: depth) }
    mutating func encode(_ value: String) throws { try stream.string(value, depth: depth) }
    mutating func encode(_ value: Double) throws { try stream.double(value, depth: depth) }
    mutating func encode(_ value: Float) throws { try stream.float(value, depth: depth) }
    mutating func encode(_ value: Int) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: Int8) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: Int16) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: Int32) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: Int64) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: UInt) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: UInt8) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: UInt16) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: UInt32) throws { try stream.integer(value, depth: depth) }
    mutating func encode(_ value: UInt64) throws { try stream.integer(value, depth: depth) }
    mutating func encode<T: Encodable>(_ value: T) throws { try stream.encode(value, depth: depth) }
}
