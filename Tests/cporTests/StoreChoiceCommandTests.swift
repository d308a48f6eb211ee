import Foundation
import Testing
import TestSupport
@testable import cpor

/// What the command line says when `--db` names a store a command cannot use, or `migrate-store`
/// is called wrongly: a clear line on standard error, exit 64, and nothing written.
@Suite struct StoreChoiceCommandTests {
    static let postgres = "postgres://cpor:secret@127.0.0.1:1/cpor"

    /// Backups are the engine's business on PostgreSQL (pg_dump); `check` and `seed` work on both stores.
    @Test func commandsThatNeedASQLiteFileSaySo() {
        for command in [["backup", "/tmp/never-written"], ["restore", "/tmp/never-read"]] {
            let run = CommandRun(command + ["--db", Self.postgres, "--locale", "en"])
            #expect(run.status == 64, "\(command)")
            #expect(run.error.contains("cpor \(command[0]) works on a SQLite file"), "\(command): \(run.error)")
            #expect(!run.error.contains("secret"), "the password is never repeated")
        }
        let spanish = CommandRun(["backup", "/tmp/never-written", "--db", Self.postgres, "--locale", "es"])
        #expect(spanish.error.contains("cpor backup trabaja sobre un archivo SQLite"), "\(spanish.error)")
    }

    #if !Postgres
    @Test func aBuildWithoutPostgreSQLSaysHowToGetIt() {
        for command in [["tick"], ["check"], ["seed", "--claims", "1"]] {
            let run = CommandRun(command + ["--db", Self.postgres, "--locale", "en"])
            #expect(run.status == 64, "\(command)")
            #expect(run.error.contains("built without PostgreSQL support: build it with swift build -c release --traits Postgres"),
                    "\(command): \(run.error)")
            #expect(!run.error.contains("secret"), "the password is never repeated")
        }
    }
    #endif

    @Test func migrateStoreNeedsASQLiteSourceAndAPostgreSQLTarget() throws {
        let missing = CommandRun(["migrate-store", "--from", "x.sqlite", "--locale", "en"])
        #expect(missing.status == 64 && missing.error.contains("needs --from (a SQLite file) and --to"), "\(missing.error)")
        let backwards = CommandRun(["migrate-store", "--from", Self.postgres, "--to", "x.sqlite", "--locale", "en"])
        #expect(backwards.status == 64 && backwards.error.contains("copies from a SQLite file (--from) into PostgreSQL"), "\(backwards.error)")
        let folder = try TemporaryDirectory(prefix: "migrate")
        let absent = folder.path + "/none.sqlite"
        let noSource = CommandRun(["migrate-store", "--from", absent, "--to", Self.postgres, "--locale", "en"])
        #expect(noSource.status == 64 && noSource.error.contains("there is no SQLite store at \(absent)"), "\(noSource.error)")
        #expect(!FileManager.default.fileExists(atPath: absent), "nothing is created")
    }
}
