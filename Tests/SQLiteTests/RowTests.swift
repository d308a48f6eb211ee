import Testing
@testable import SQLite

@Suite struct RowTests {
    private let row = Row(
        columns: ["id", "title", "amount", "note", "flag"],
        values: [.integer(7), .text("Broken window"), .real(12.5), .null, .integer(2)]
    )

    @Test func missingColumnNamesTheColumn() throws {
        let error = try #require(throws: RowDecodingError.self) { try row.string("titel") }
        #expect(error == .missingColumn("titel", available: row.columns))
        #expect(error.column == "titel")
        #expect(row["titel"] == nil)
        #expect(throws: RowDecodingError.self) { try row.optionalString("titel") }
    }

    @Test func wrongTypeIsAnErrorNotACoercion() throws {
        let error = try #require(throws: RowDecodingError.self) { try row.int("title") }
        #expect(error == .typeMismatch(column: "title", expected: "INTEGER", found: "TEXT"))
        #expect(throws: RowDecodingError.self) { try row.string("id") }
        #expect(throws: RowDecodingError.self) { try row.blob("title") }
    }

    @Test func nullInARequiredColumnIsAnError() throws {
        let error = try #require(throws: RowDecodingError.self) { try row.string("note") }
        #expect(error == .unexpectedNull(column: "note", expected: "TEXT"))
        #expect(error.description.contains("note"))
        #expect(try row.optionalString("note") == nil)
        #expect(row["note"] == .null)
    }

    @Test func boolAcceptsOnlyZeroAndOne() throws {
        #expect(throws: RowDecodingError.self) { try row.bool("flag") }
    }

    @Test func doubleAcceptsIntegers() throws {
        #expect(try row.double("id") == 7)
        #expect(try row.double("amount") == 12.5)
        #expect(try row.optionalInt("id") == 7)
    }

    @Test func descriptionsLeaveOutTheValue() throws {
        let error = try #require(throws: RowDecodingError.self) { try row.int("title") }
        #expect(!error.description.contains("Broken window"))
    }
}
