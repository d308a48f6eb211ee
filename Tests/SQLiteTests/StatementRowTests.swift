import Testing
@testable import SQLite
import TestSupport

/// Rows read in place are read as strictly as `Row`s.
@Suite struct StatementRowTests {
    @Test func columnsAreReadInPlaceWithRowsStrictness() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, note TEXT, size REAL)")
            try connection.run("INSERT INTO t VALUES (1, 'one', NULL, 1.5), (2, ?, 'x', NULL)", ["two\u{0}zwei"])
            var read: [(Int64, String, String?, SQLiteValue)] = []
            try connection.forEachRow("SELECT id, name, note AS remark, size FROM t WHERE id >= ? ORDER BY id", [1]) { row in
                #expect(row.columnCount == 4 && row.columnName(at: 2) == "remark")
                read.append((try row.int64(at: 0), try row.string(at: 1), try row.optionalString(at: 2), try row.value(at: 3)))
            }
            #expect(read.map(\.0) == [1, 2])
            #expect(read.map(\.1) == ["one", "two\u{0}zwei"], "text comes back whole")
            #expect(read.map(\.2) == [nil, "x"])
            #expect(read.map(\.3) == [.real(1.5), .null])
            try connection.forEachRow("SELECT id, name, note, size FROM t WHERE id = 1") { row in
                #expect(throws: RowDecodingError.typeMismatch(column: "name", expected: "INTEGER", found: "TEXT")) {
                    try row.int64(at: 1)
                }
                #expect(throws: RowDecodingError.typeMismatch(column: "size", expected: "TEXT", found: "REAL")) {
                    try row.optionalString(at: 3)
                }
                #expect(throws: RowDecodingError.unexpectedNull(column: "note", expected: "TEXT")) { try row.string(at: 2) }
                #expect(throws: RowDecodingError.self) { try row.string(at: 4) }
            }
            // The statement is reset afterwards, so the same SQL runs again at once.
            var count = 0
            try connection.forEachRow("SELECT id, name, note, size FROM t WHERE id = 1") { _ in count += 1 }
            #expect(count == 1)
        }
    }
}
