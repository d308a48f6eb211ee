import Testing
@testable import Postgres

@Suite struct ParameterListTests {
    @Test func nullIsANullPointerAndTextIsNulTerminated() throws {
        let list = try ParameterList([.text("ñ"), .null, .integer(7)], sql: "SELECT $1, $2, $3")
        #expect(list.count == 3)
        #expect(list.types == [PostgresType.unspecified, PostgresType.unspecified, PostgresType.int8])
        let texts = list.withTexts { texts in
            (0..<3).map { index in texts?[index].map { String(cString: $0) } }
        }
        #expect(texts == ["ñ", nil, "7"])
    }

    @Test func aNulCharacterIsRefusedRatherThanCutShort() throws {
        let error = try #require(throws: PostgresError.self) {
            try ParameterList([.text("ok"), .text("before\u{0}after")], sql: "SELECT $1, $2")
        }
        #expect(error.sqlState == .characterNotInRepertoire)
        #expect(error.message.contains("$2"))
    }

    @Test func noParametersIsFine() throws {
        let list = try ParameterList([], sql: "SELECT 1")
        #expect(list.count == 0)
        list.withTexts { _ in }
    }
}
