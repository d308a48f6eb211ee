import Testing
@testable import SQLite
import TestSupport

@Suite struct SQLiteBindableTests {
    /// Binds `value`, reads it back through SQLite, and returns what came back with its SQLite type.
    private func roundTrip(_ value: any SQLiteBindable) throws -> (value: SQLiteValue, type: String) {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let row = try #require(try connection.queryOne("SELECT ? AS value, typeof(?) AS type", [value, value]))
            return (try row.value("value"), try row.string("type"))
        }
    }

    @Test func integersIncludingExtremes() throws {
        #expect(try roundTrip(42) == (.integer(42), "integer"))
        #expect(try roundTrip(Int64.max) == (.integer(.max), "integer"))
        #expect(try roundTrip(Int64.min) == (.integer(.min), "integer"))
        #expect(try roundTrip(Int.min) == (.integer(Int64(Int.min)), "integer"))
    }

    @Test func doubles() throws {
        #expect(try roundTrip(Double.pi) == (.real(.pi), "real"))
        #expect(try roundTrip(-1e308) == (.real(-1e308), "real"))
        #expect(try roundTrip(Double.leastNonzeroMagnitude) == (.real(.leastNonzeroMagnitude), "real"))
    }

    @Test func unicodeTextComesBackWhole() throws {
        let text = "Zoë Ångström — 日本語 🚑 e\u{301}"
        #expect(try roundTrip(text) == (.text(text), "text"))
        #expect(try roundTrip("before\0after") == (.text("before\0after"), "text"))
    }

    @Test func emptyTextIsNotNull() throws {
        #expect(try roundTrip("") == (.text(""), "text"))
    }

    @Test func blobsKeepZeroBytes() throws {
        let bytes: [UInt8] = [0, 1, 0, 255, 0, 0]
        #expect(try roundTrip(bytes) == (.blob(bytes), "blob"))
    }

    @Test func emptyBlobIsNotNull() throws {
        #expect(try roundTrip([UInt8]()) == (.blob([]), "blob"))
    }

    @Test func boolsAreZeroAndOne() throws {
        #expect(try roundTrip(true) == (.integer(1), "integer"))
        #expect(try roundTrip(false) == (.integer(0), "integer"))
    }

    @Test func nilBindsNull() throws {
        #expect(try roundTrip(String?.none) == (.null, "null"))
        #expect(try roundTrip(Int?.none) == (.null, "null"))
        #expect(try roundTrip(Int?.some(7)) == (.integer(7), "integer"))
        #expect(try roundTrip(SQLiteValue.null) == (.null, "null"))
    }

    @Test func storedValuesReadBackTyped() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("""
                CREATE TABLE sample (i INTEGER, r REAL, t TEXT, b BLOB, flag INTEGER, missing TEXT)
                """)
            let blob: [UInt8] = [0, 0, 7]
            try connection.run(
                "INSERT INTO sample VALUES (?, ?, ?, ?, ?, ?)",
                [Int64.max, 2.5, "naïve", blob, true, String?.none]
            )
            let row = try #require(try connection.queryOne("SELECT * FROM sample"))
            #expect(try row.int64("i") == .max)
            #expect(try row.double("r") == 2.5)
            #expect(try row.string("t") == "naïve")
            #expect(try row.blob("b") == blob)
            #expect(try row.bool("flag"))
            #expect(try row.optionalString("missing") == nil)
        }
    }
}
