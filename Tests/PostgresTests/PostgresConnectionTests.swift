#if Postgres
import Foundation
import Testing
import Postgres

@Suite struct PostgresConnectionTests {
    @Test func connectsAsTheTestRole() throws {
        let connection = try TestCluster.connect()
        let row = try #require(try connection.queryOne("SELECT current_user::text AS name, 1 + 1 AS sum, current_setting('client_encoding') AS encoding"))
        #expect(try row.string("name") == "cpor")
        #expect(try row.int64("sum") == 2)
        #expect(try row.string("encoding") == "UTF8")
    }

    @Test func aWrongPasswordFailsWithTheServersMessageButNotThePassword() throws {
        var components = try #require(URLComponents(string: try TestCluster.conninfo()))
        components.password = "not-the-password"
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection(conninfo: components.string!)
        }
        #expect(error.sqlState == .unableToConnect)
        #expect(error.message.contains("password authentication failed for user \"cpor\""))
        #expect(!error.description.contains("not-the-password"))
    }

    @Test func aServerThatIsNotThereFailsToConnect() throws {
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection(conninfo: "postgres://cpor@127.0.0.1:1/cpor?connect_timeout=2")
        }
        #expect(error.sqlState == .unableToConnect)
        #expect(error.message.contains("127.0.0.1"))
    }

    @Test func everyParameterTypeRoundTrips() throws {
        let connection = try TestCluster.connect()
        try connection.executeScript("""
            CREATE TEMPORARY TABLE sample (
                id bigint PRIMARY KEY, title text, amount double precision, approved boolean, proof bytea)
            """)
        let samples: [(Int64, String?, Double?, Bool?, [UInt8]?)] = [
            (Int64.max, "Añadir evidencia — 証拠 🧾", 0.1, true, [0, 1, 0, 255, 0]),
            (Int64.min, "", -0.0, false, []),
            (0, "line\nbreak\ttab 'quote' \"double\" \\backslash", Double.greatestFiniteMagnitude, true, Array(0...255)),
            (1, nil, nil, nil, nil),
            (2, "∞", -Double.infinity, false, [0]),
        ]
        for (id, title, amount, approved, proof) in samples {
            try connection.execute(
                "INSERT INTO sample (id, title, amount, approved, proof) VALUES ($1, $2, $3, $4, $5)",
                [id, title, amount, approved, proof]
            )
        }
        let rows = try connection.query("SELECT id, title, amount, approved, proof FROM sample")
        #expect(rows.count == samples.count)
        for (id, title, amount, approved, proof) in samples {
            let row = try #require(rows.first { (try? $0.int64("id")) == id })
            #expect(try row.optionalString("title") == title)
            #expect(try row.optionalDouble("amount") == amount)
            #expect(try row.optionalBool("approved") == approved)
            #expect(try row.optionalBytes("proof") == proof)
        }
        // -0.0 == 0.0, so its sign is checked on its own.
        #expect(try rows.first { try $0.int64("id") == Int64.min }?.double("amount").sign == .minus)
    }

    @Test func parametersKeepTheirTypeWithoutAColumnToInferItFrom() throws {
        let connection = try TestCluster.connect()
        let row = try #require(try connection.queryOne(
            "SELECT $1 AS int, $2 AS double, $3 AS bool, $4 AS bytes, $5 AS text, $6 AS null, $7 AS nan",
            [42, 1.5, true, [UInt8]([0, 7]), "42", nil, Double.nan]
        ))
        #expect(row.values.dropLast() == [.integer(42), .double(1.5), .bool(true), .bytes([0, 7]), .text("42"), .null])
        #expect(try row.double("nan").isNaN)
    }

    @Test func textParametersTakeTheTypeTheStatementExpects() throws {
        let connection = try TestCluster.connect()
        let row = try #require(try connection.queryOne(
            "SELECT $1::timestamptz = '2026-01-05T10:00:00Z' AS same, $2 + 1 AS next",
            ["2026-01-05 10:00:00+00", "41"]
        ))
        #expect(try row.bool("same"))
        #expect(try row.int("next") == 42)
    }

    @Test func aStringThatLooksLikeSQLStaysData() throws {
        let connection = try TestCluster.connect()
        try connection.executeScript("CREATE TEMPORARY TABLE claim (id serial PRIMARY KEY, title text NOT NULL)")
        let hostile = [
            "'); DROP TABLE claim; --",
            "$1",
            "' OR '1'='1",
            "\\'; SELECT pg_sleep(10); --",
        ]
        for title in hostile {
            try connection.execute("INSERT INTO claim (title) VALUES ($1)", [title])
        }
        let titles = try connection.query("SELECT title FROM claim ORDER BY id").map { try $0.string("title") }
        #expect(titles == hostile)
        let matches = try connection.query("SELECT id FROM claim WHERE title = $1", ["' OR '1'='1"])
        #expect(matches.count == 1)
    }

    @Test func aNulCharacterInTextIsRefusedNotCutShort() throws {
        let connection = try TestCluster.connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.query("SELECT $1 AS title", ["before\u{0}after"])
        }
        #expect(error.sqlState == .characterNotInRepertoire)
    }

    @Test func gettersRefuseWrongTypesAndNullsFromARealResult() throws {
        let connection = try TestCluster.connect()
        let row = try #require(try connection.queryOne("""
            SELECT 42 AS count, 'forty-two'::text AS title, NULL::text AS note, 1.5::float8 AS amount,
                   1.5::numeric AS exact, now() AS filed_at, 'x'::varchar(5) AS code, true AS approved
            """))
        #expect(throws: PostgresRowDecodingError.typeMismatch(column: "count", expected: "text", found: "integer")) {
            try row.string("count")
        }
        #expect(throws: PostgresRowDecodingError.typeMismatch(column: "title", expected: "integer", found: "text")) {
            try row.int64("title")
        }
        #expect(throws: PostgresRowDecodingError.unexpectedNull(column: "note", expected: "text")) {
            try row.string("note")
        }
        #expect(throws: PostgresRowDecodingError.typeMismatch(column: "count", expected: "double precision", found: "integer")) {
            try row.double("count")
        }
        #expect(throws: PostgresRowDecodingError.typeMismatch(column: "exact", expected: "double precision", found: "numeric")) {
            try row.double("exact")
        }
        #expect(throws: PostgresRowDecodingError.typeMismatch(column: "filed_at", expected: "text", found: "timestamptz")) {
            try row.string("filed_at")
        }
        #expect(throws: PostgresRowDecodingError.typeMismatch(column: "approved", expected: "integer", found: "boolean")) {
            try row.int("approved")
        }
        #expect(throws: PostgresRowDecodingError.self) { try row.string("missing") }
        #expect(try row.optionalString("note") == nil)
        #expect(try row.string("code") == "x")
        #expect(try row.double("amount") == 1.5)
    }

    @Test func executeCountsTheRowsItChanged() throws {
        let connection = try TestCluster.connect()
        try connection.executeScript("CREATE TEMPORARY TABLE claim (id int PRIMARY KEY, status text NOT NULL)")
        #expect(try connection.execute("INSERT INTO claim VALUES (1, 'draft'), (2, 'draft'), (3, 'approved')") == 3)
        #expect(try connection.execute("UPDATE claim SET status = $1 WHERE status = $2", ["submitted", "draft"]) == 2)
        #expect(try connection.execute("DELETE FROM claim WHERE id = $1", [99]) == 0)
        #expect(try connection.execute("SELECT 1") == 1)
    }

    @Test func oneStatementAtATime() throws {
        let connection = try TestCluster.connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.query("SELECT 1; SELECT 2")
        }
        #expect(error.sqlState == .syntaxError)
        #expect(error.sql == "SELECT 1; SELECT 2")
    }

    @Test func aStatementIsPreparedOnceAndTheCacheStaysWithinItsCapacity() throws {
        let connection = try PostgresConnection(conninfo: try TestCluster.conninfo(), statementCacheCapacity: 3)
        func prepared() throws -> [String] {
            // Run through PQexec, so that this query is not itself prepared.
            try connection.executeScript("CREATE TEMPORARY TABLE IF NOT EXISTS seen (statement text)")
            try connection.executeScript("DELETE FROM seen; INSERT INTO seen SELECT statement FROM pg_prepared_statements")
            return try connection.query("SELECT statement FROM seen ORDER BY statement").map { try $0.string("statement") }
        }
        for _ in 0..<5 {
            _ = try connection.query("SELECT $1 AS n", [1])
        }
        #expect(try prepared().filter { $0 == "SELECT $1 AS n" }.count == 1)
        for number in 0..<10 {
            _ = try connection.query("SELECT \(number) AS n")
        }
        #expect(try prepared().count <= 3)
        // Evicted statements are prepared again when needed.
        #expect(try connection.queryOne("SELECT $1 AS n", [1])?.int("n") == 1)
    }

    @Test func copyIsRefusedAndEndsTheConnectionItWouldHaveStuck() throws {
        let connection = try TestCluster.connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.executeScript("COPY (SELECT 1) TO STDOUT")
        }
        #expect(error.sqlState == .featureNotSupported)
        #expect(connection.isClosed)
    }

    @Test func aClosedConnectionThrows() throws {
        let connection = try TestCluster.connect()
        connection.close()
        #expect(connection.isClosed)
        let error = try #require(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(error.sqlState == .connectionDoesNotExist)
    }

    @Test func aConnectionTheServerEndsReportsAConnectionFailure() throws {
        let victim = try TestCluster.connect()
        let other = try TestCluster.connect()
        let pid = try #require(try victim.queryOne("SELECT pg_backend_pid() AS pid")?.int64("pid"))
        #expect(try other.queryOne("SELECT pg_terminate_backend($1::int) AS done", [pid])?.bool("done") == true)
        let error = try #require(throws: PostgresError.self) { try victim.query("SELECT 1") }
        #expect(error.sqlState.isConnectionException || error.sqlState == .other("57P01"))
        #expect(victim.isClosed)
    }
}
#endif
