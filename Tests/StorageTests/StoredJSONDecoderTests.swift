import Claims
import Foundation
import Seeding
import Testing
@testable import Storage

/// The stored-JSON decoder reads what `JSONDecoder` reads, and hands whatever it does not handle
/// itself to `JSONDecoder`, so results and errors are always `JSONDecoder`'s.
struct StoredJSONDecoderTests {
    typealias Outer = StoredJSONEncoderTests.Outer
    static let outer = StoredJSONEncoderTests.sample

    private func foundation<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    private func encoded<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try StoredJSONEncoder.encode(value), as: UTF8.self)
    }

    @Test func readsNestedValuesLikeJSONDecoder() throws {
        let text = try encoded(Self.outer)
        #expect(try StoredJSONDecoder.parsed(Outer.self, from: text) == Self.outer)
        #expect(try StoredJSONDecoder.parsed(Outer.self, from: text) == foundation(Outer.self, text))
    }

    @Test func readsTextAsJSONDecoderWould() throws {
        let pretty: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
            return encoder
        }()
        let text = String(decoding: try pretty.encode(Self.outer), as: UTF8.self)
        #expect(try StoredJSONDecoder.parsed(Outer.self, from: text) == Self.outer)
        let escapes = #"["\u00e9\ud83d\ude00", "\/\b\f\n\r\t\"\\", "plain"]"#
        #expect(try StoredJSONDecoder.parsed([String].self, from: escapes) == foundation([String].self, escapes))
        for fragment in ["12", "-0", "1.5e3", "true", "null", "\"x\""] {
            #expect((try? StoredJSONDecoder.parsed(Double?.self, from: fragment)) == (try? foundation(Double?.self, fragment)),
                    "\(fragment)")
        }
    }

    /// Every kind of sample claim and its history, as the store keeps them.
    @Test func readsEveryKindOfClaimLikeJSONDecoder() throws {
        let calendar = BusinessCalendar(timeZoneIdentifier: "Europe/Madrid", holidays: [])!
        let rules = WorkflowRules(policy: .standard, calendar: calendar, makeConsentToken: { ConsentToken("token-1") })
        let filer = SampleClaims.Filer(
            partner: .partner(PartnerUser(id: UserID("1"), role: .incentivesAdmin, organization: OrganizationID("1"))),
            locationID: "4100001")
        var claims = 0
        for kind in SampleClaims.Kind.allCases {
            for prototype in try SampleClaims.prototypes(kind, variants: 3, filer: filer, reviewer: .reviewer(UserID("9")),
                                                         now: Date(timeIntervalSince1970: 1_772_442_000), rules: rules) {
                let document = try StoredClaims.json(prototype.claim)
                let claim = try StoredJSONDecoder.parsed(Claim.self, from: document)
                #expect(claim == prototype.claim)
                #expect(claim == (try foundation(Claim.self, document)))
                for entry in prototype.history {
                    let text = try StoredClaims.json(entry)
                    #expect(try StoredJSONDecoder.parsed(HistoryEntry.self, from: text) == foundation(HistoryEntry.self, text))
                }
                claims += 1
            }
        }
        #expect(claims > 20)
    }

    struct Special: Codable, Equatable {
        let data: Data
        let url: URL
        let amount: Decimal
    }

    struct Pair: Codable, Equatable {
        let a: Int
        let b: String?
    }

    /// What this decoder leaves alone goes to JSONDecoder, which reads it its own way.
    @Test func handsWhatItDoesNotReadToJSONDecoder() throws {
        let special = Special(data: Data([1, 2, 255]), url: URL(string: "https://example.com/a?b=c")!, amount: Decimal(string: "12.50")!)
        let text = String(decoding: try JSONEncoder().encode(special), as: UTF8.self)
        #expect(throws: JSONTapeFallback.self) { try StoredJSONDecoder.parsed(Special.self, from: text) }
        #expect(try StoredJSONDecoder.decode(Special.self, from: text) == special)

        let cases: [String] = [
            #"{"a": 1, "a": 2}"#,              // a key given twice
            #"{"\u0061": 1}"#,                  // an escaped key
            #"{"a": 1e2}"#,                     // an integer written with an exponent
            #"{"a": 1.0}"#,
            #"{"a": 99999999999999999999}"#,    // out of range
            #"{"a": 1,}"#,                      // a trailing comma, which JSONDecoder accepts
        ]
        for text in cases {
            #expect(throws: JSONTapeFallback.self, "\(text)") { try StoredJSONDecoder.parsed(Pair.self, from: text) }
            #expect((try? StoredJSONDecoder.decode(Pair.self, from: text)) == (try? foundation(Pair.self, text)), "\(text)")
        }
    }

    /// Malformed or mistyped text throws JSONDecoder's own error.
    @Test func throwsJSONDecodersErrors() throws {
        for text in ["", "{", #"{"a": }"#, "[1 2]", #"{"a": "1"}"#, #"{"b": "x"}"#, #"{"a": 01}"#, "nul",
                     #"{"a": 1} x"#, #"{"a": tru}"#, "\"\u{1}\""] {
            #expect(throws: (any Error).self, "\(text)") { try StoredJSONDecoder.parsed(Pair.self, from: text) }
            #expect(throws: DecodingError.self, "\(text)") { try StoredJSONDecoder.decode(Pair.self, from: text) }
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONTapeFallback.tooDeep) { try StoredJSONDecoder.parsed([String].self, from: deep) }
    }

    /// Generated strings of every kind of character come back as they went in.
    @Test func anyStringRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "é", "€", "😀", "\u{2028}", "<", "&"]
        for _ in 0..<200 {
            let value = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            let text = try encoded(["key": [value, value]])
            #expect(try StoredJSONDecoder.parsed([String: [String]].self, from: text) == ["key": [value, value]])
        }
    }
}
