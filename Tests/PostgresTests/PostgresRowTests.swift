import Testing
import Postgres

@Suite struct PostgresRowTests {
    private let row = PostgresRow(
        columns: ["id", "title", "amount", "note", "approved", "proof", "filed_at"],
        values: [
            .integer(7), .text("Broken window"), .double(12.5), .null, .bool(true), .bytes([0, 1]),
            .other(type: 1184, text: "2026-01-05 10:00:00+00"),
        ]
    )

    @Test func missingColumnNamesTheColumn() throws {
        let error = try #require(throws: PostgresRowDecodingError.self) { try row.string("titel") }
        #expect(error == .missingColumn("titel", available: row.columns))
        #expect(row["titel"] == nil)
        #expect(throws: PostgresRowDecodingError.self) { try row.optionalString("titel") }
        #expect(throws: PostgresRowDecodingError.self) { try row.string(at: 7) }
    }

    @Test func wrongTypeIsAnErrorNotACoercion() throws {
        let error = try #require(throws: PostgresRowDecodingError.self) { try row.int("title") }
        #expect(error == .typeMismatch(column: "title", expected: "integer", found: "text"))
        #expect(throws: PostgresRowDecodingError.self) { try row.string("id") }
        #expect(throws: PostgresRowDecodingError.self) { try row.double("id") }
        #expect(throws: PostgresRowDecodingError.self) { try row.bool("id") }
        #expect(throws: PostgresRowDecodingError.self) { try row.bytes("title") }
        #expect(throws: PostgresRowDecodingError.self) { try row.int64(at: 1) }
        let other = try #require(throws: PostgresRowDecodingError.self) { try row.string("filed_at") }
        #expect(other == .typeMismatch(column: "filed_at", expected: "text", found: "timestamptz"))
    }

    @Test func nullInARequiredColumnIsAnError() throws {
        let error = try #require(throws: PostgresRowDecodingError.self) { try row.string("note") }
        #expect(error == .unexpectedNull(column: "note", expected: "text"))
        #expect(throws: PostgresRowDecodingError.self) { try row.string(at: 3) }
        #expect(try row.optionalString("note") == nil)
        #expect(try row.optionalInt64("note") == nil)
        #expect(try row.optionalString(at: 3) == nil)
        #expect(row["note"] == .null)
    }

    @Test func gettersReadTheirOwnType() throws {
        #expect(try row.int("id") == 7)
        #expect(try row.int64(at: 0) == 7)
        #expect(try row.string("title") == "Broken window")
        #expect(try row.double("amount") == 12.5)
        #expect(try row.bool("approved"))
        #expect(try row.bytes("proof") == [0, 1])
        #expect(try row.optionalBytes("proof") == [0, 1])
    }

    @Test func descriptionsLeaveOutTheValue() throws {
        let error = try #require(throws: PostgresRowDecodingError.self) { try row.int("title") }
        #expect(error.description == "column \"title\" holds text, expected integer")
        #expect(!error.description.contains("Broken window"))
    }
}
