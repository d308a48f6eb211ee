import Testing
@testable import Postgres

/// Values cross libpq as PostgreSQL's text format; these pin both directions without a server.
@Suite struct PostgresValueTextFormatTests {
    @Test func resultsDecodeByTheirColumnType() {
        #expect(PostgresValue(type: PostgresType.int4, text: "-42") == .integer(-42))
        #expect(PostgresValue(type: PostgresType.int8, text: "9223372036854775807") == .integer(.max))
        #expect(PostgresValue(type: PostgresType.float8, text: "0.1") == .double(0.1))
        #expect(PostgresValue(type: PostgresType.float8, text: "-Infinity") == .double(-.infinity))
        #expect(PostgresValue(type: PostgresType.bool, text: "t") == .bool(true))
        #expect(PostgresValue(type: PostgresType.bool, text: "f") == .bool(false))
        #expect(PostgresValue(type: PostgresType.varchar, text: "42") == .text("42"))
        #expect(PostgresValue(type: PostgresType.bytea, text: "\\x00ff10") == .bytes([0, 255, 16]))
        #expect(PostgresValue(type: PostgresType.bytea, text: "\\x") == .bytes([]))
        #expect(PostgresValue(type: 2950, text: "0e1f…") == .other(type: 2950, text: "0e1f…"))
    }

    @Test func textNoOutputFunctionWritesIsKeptAsOther() {
        #expect(PostgresValue(type: PostgresType.int8, text: "4.2") == .other(type: PostgresType.int8, text: "4.2"))
        #expect(PostgresValue(type: PostgresType.bool, text: "yes") == .other(type: PostgresType.bool, text: "yes"))
        // bytea's old escape format is not read: every connection asks for hex.
        #expect(PostgresValue(type: PostgresType.bytea, text: "\\000") == .other(type: PostgresType.bytea, text: "\\000"))
        #expect(PostgresValue(type: PostgresType.bytea, text: "\\x0g") == .other(type: PostgresType.bytea, text: "\\x0g"))
    }

    @Test func parametersAreWrittenAsTheInputFunctionsReadThem() {
        #expect(PostgresValue.integer(.min).parameterText == "-9223372036854775808")
        #expect(PostgresValue.double(0.1).parameterText == "0.1")
        #expect(PostgresValue.double(.infinity).parameterText == "Infinity")
        #expect(PostgresValue.double(-.infinity).parameterText == "-Infinity")
        #expect(PostgresValue.double(.nan).parameterText == "NaN")
        #expect(PostgresValue.bool(false).parameterText == "false")
        #expect(PostgresValue.bytes([0, 0xAB, 0x0F]).parameterText == "\\x00ab0f")
        #expect(PostgresValue.null.parameterText == nil)
    }

    @Test func textAndNullLeaveTheirTypeToTheServer() {
        #expect(PostgresValue.text("2026-01-05").parameterType == PostgresType.unspecified)
        #expect(PostgresValue.null.parameterType == PostgresType.unspecified)
        #expect(PostgresValue.integer(1).parameterType == PostgresType.int8)
        #expect(PostgresValue.bytes([]).parameterType == PostgresType.bytea)
        #expect(PostgresValue.other(type: 1184, text: "now").parameterType == 1184)
    }
}
