/// Values cross libpq in PostgreSQL's text format, both ways: each type's input and output functions define it.
extension PostgresValue {
    /// Decodes a result column's text as its type says. A text that its type's output function would not have
    /// written (it cannot happen with a real server) is kept as `.other`, so that a getter refuses it.
    init(type: UInt32, text: String) {
        switch type {
        case PostgresType.int2, PostgresType.int4, PostgresType.int8:
            self = Int64(text).map(PostgresValue.integer) ?? .other(type: type, text: text)
        case PostgresType.float4, PostgresType.float8:
            self = Self.double(text).map(PostgresValue.double) ?? .other(type: type, text: text)
        case PostgresType.bool where text == "t":
            self = .bool(true)
        case PostgresType.bool where text == "f":
            self = .bool(false)
        case PostgresType.text, PostgresType.varchar, PostgresType.bpchar, PostgresType.name, PostgresType.unknown:
            self = .text(text)
        case PostgresType.bytea:
            self = Self.bytes(fromHex: text).map(PostgresValue.bytes) ?? .other(type: type, text: text)
        default:
            self = .other(type: type, text: text)
        }
    }

    /// The OID a parameter is declared with when the statement is prepared.
    var parameterType: UInt32 {
        switch self {
        case .null, .text: PostgresType.unspecified
        case .integer: PostgresType.int8
        case .double: PostgresType.float8
        case .bool: PostgresType.bool
        case .bytes: PostgresType.bytea
        case .other(let type, _): type
        }
    }

    /// The parameter's text as its type's input function reads it; nil for NULL.
    var parameterText: String? {
        switch self {
        case .null: nil
        case .integer(let integer): String(integer)
        case .double(let double): Self.text(of: double)
        case .bool(let bool): bool ? "true" : "false"
        case .text(let text): text
        case .bytes(let bytes): Self.hex(bytes)
        case .other(_, let text): text
        }
    }

    /// Swift's shortest round-trip form is what `float8in` reads, except for the infinities and NaN, which it
    /// spells its own way.
    private static func text(of double: Double) -> String {
        if double.isNaN { return "NaN" }
        if double.isInfinite { return double < 0 ? "-Infinity" : "Infinity" }
        return String(double)
    }

    private static func double(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: Double(text)
        }
    }

    /// bytea's hex format, `\x` and two lowercase digits a byte: what `bytea_output = hex` (the default, which
    /// every connection sets) writes, and what `byteain` reads.
    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func bytes(fromHex text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            return nil
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = hexDigit(utf8[index]), let low = hexDigit(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexDigit(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
