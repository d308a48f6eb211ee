import Foundation
import Testing
@testable import Storage

/// The streaming encoder writes exactly the bytes `JSONEncoder` with sorted keys writes, and hands
/// whatever it cannot stream to `JSONEncoder` itself.
struct StoredJSONEncoderTests {
    private static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private func expectSameBytes<T: Encodable>(_ value: T, streams: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = String(decoding: try Self.foundation.encode(value), as: UTF8.self)
        #expect(String(decoding: try StoredJSONEncoder.encode(value), as: UTF8.self) == expected, sourceLocation: sourceLocation)
        if streams {
            #expect(String(decoding: try StoredJSONEncoder.streamed(value), as: UTF8.self) == expected, sourceLocation: sourceLocation)
        } else {
            #expect(throws: JSONStreamFallback.self, sourceLocation: sourceLocation) { try StoredJSONEncoder.streamed(value) }
        }
    }

    enum Kind: String, Codable, Equatable { case draft, submitted }

    enum Change: Codable, Equatable {
        case renamed(from: String, to: String)
        case moved(Int)
        case cleared
    }

    struct Inner: Codable, Equatable {
        let zeta: Int
        let alpha: String?
        let when: Date
        let tags: [String]
    }

    struct Outer: Codable, Equatable {
        let version: Int
        let name: String
        let kind: Kind
        let inner: Inner
        let inners: [Inner]
        let changes: [Change]
        let scores: [Double]
        let flags: [Bool?]
        let parameters: [String: String]
        let numbered: [Int: String]
        let nested: [[Int]]
        let small: Int8
        let large: UInt64
        let ratio: Float
        let missing: String?
        let empty: [String: Int]
    }

    private static func inner(_ zeta: Int, _ alpha: String?) -> Inner {
        Inner(zeta: zeta, alpha: alpha, when: Date(timeIntervalSinceReferenceDate: 786_248_734.125 + Double(zeta)), tags: ["b", "a/b", ""])
    }

    /// A value with something of every kind `Codable` code writes; the decoder's tests read it too.
    static let sample = Outer(
        version: 7, name: "Contoso \"North\" / EMEA\n\ttab\u{1}\u{8}\u{c}\r\u{1f}\u{7f} é 😀 \u{2028}", kind: .submitted,
        inner: Self.inner(3, nil), inners: [Self.inner(1, "x"), Self.inner(-2, "")],
        changes: [.renamed(from: "a", to: "b"), .moved(-4), .cleared],
        scores: [0, -0.0, 1, 1.5, 0.1, 1e-7, 1e20, 1.234_567_890_123_456_8e20, 0.300_000_000_000_000_04, -2.5e-300, .pi],
        flags: [true, false, nil], parameters: ["zeta": "1", "Alpha": "2", "alpha": "3", "_x": "4", "a10": "5", "a9": "6"],
        numbered: [10: "ten", 9: "nine", -1: "minus"], nested: [[], [1, 2], [Int.min, Int.max]],
        small: -128, large: UInt64.max, ratio: 0.1, missing: nil, empty: [:])

    @Test func writesNestedValuesWithSortedKeysLikeJSONEncoder() throws {
        let value = Self.sample
        try expectSameBytes(value)
        try expectSameBytes([value, value])
    }

    @Test func writesTopLevelFragmentsLikeJSONEncoder() throws {
        try expectSameBytes("C-1001")
        try expectSameBytes(["approved", "rejected"])
        try expectSameBytes(42)
        try expectSameBytes(Date(timeIntervalSinceReferenceDate: -1.5))
        try expectSameBytes([String]())
        try expectSameBytes(Optional<Int>.none)
    }

    /// A value that asks its encoder for a keyed container twice writes one object.
    struct TwoContainers: Encodable {
        enum First: String, CodingKey { case b }
        enum Second: String, CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: First.self)
            try first.encode(1, forKey: .b)
            var second = encoder.container(keyedBy: Second.self)
            try second.encode(2, forKey: .a)
        }
    }

    @Test func mergesTwoContainersOfOneValueLikeJSONEncoder() throws {
        try expectSameBytes(TwoContainers())
        try expectSameBytes(["one": TwoContainers()])
    }

    /// Writes to a parent object after a nested one, then to the nested one again.
    struct OutOfOrder: Encodable {
        enum Keys: String, CodingKey { case inner, outer, value }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try container.encode(1, forKey: .outer)
            try inner.encode(2, forKey: .value)
        }
    }

    final class Base: Encodable {
        enum Keys: String, CodingKey { case base }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("b", forKey: .base)
        }
    }

    struct WithSuper: Encodable {
        enum Keys: String, CodingKey { case own }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .own)
            try Base().encode(to: container.superEncoder())
        }
    }

    struct Special: Encodable {
        let data: Data
        let url: URL
        let decimal: Decimal
    }

    /// The same key twice in one object: `JSONEncoder` keeps the last value.
    struct TwiceTheSameKey: Encodable {
        enum Keys: String, CodingKey { case b, a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .b)
            try container.encode(2, forKey: .a)
            try container.encode(3, forKey: .b)
        }
    }

    @Test func handsWhatItCannotStreamToJSONEncoder() throws {
        try expectSameBytes(OutOfOrder(), streams: false)
        try expectSameBytes(TwiceTheSameKey(), streams: false)
        try expectSameBytes(["outer": TwiceTheSameKey()], streams: false)
        try expectSameBytes(WithSuper(), streams: false)
        try expectSameBytes(Special(data: Data([0, 1, 2, 250]), url: URL(string: "https://example.com/a?b=c")!, decimal: Decimal(string: "12.50")!),
                            streams: false)
        try expectSameBytes(["needs \"escaping\"": 1], streams: false)
        // Numbers JSON cannot hold: JSONEncoder's own error.
        #expect(throws: EncodingError.self) { try StoredJSONEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StoredJSONEncoder.encode(["x": Double.infinity]) }
    }

    @Test func decodesBackToTheSameValue() throws {
        let value = Self.inner(5, "alpha")
        let decoded = try JSONDecoder().decode(Inner.self, from: Data(try StoredJSONEncoder.encode(value)))
        #expect(decoded.zeta == 5 && decoded.alpha == "alpha" && decoded.when == value.when && decoded.tags == value.tags)
    }
}
