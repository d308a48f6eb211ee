#if Postgres
import Testing
import Postgres

@Suite struct PostgresConnectionAdvisoryLockTests {
    private struct Failed: Error {}

    @Test func oneSessionHoldsTheLockUntilItReleasesIt() throws {
        let key = TestCluster.uniqueLockKey()
        let first = try TestCluster.connect()
        let second = try TestCluster.connect()
        #expect(try first.tryAdvisoryLock(key))
        #expect(try !second.tryAdvisoryLock(key))
        #expect(try first.advisoryUnlock(key))
        #expect(try second.tryAdvisoryLock(key))
        #expect(try !first.tryAdvisoryLock(key))
        #expect(try !first.advisoryUnlock(key))
    }

    @Test func withAdvisoryLockRunsTheBodyOnlyWhenItGetsTheLock() throws {
        let key = TestCluster.uniqueLockKey()
        let first = try TestCluster.connect()
        let second = try TestCluster.connect()
        var ran: [String] = []
        let firstRan = try first.withAdvisoryLock(key) {
            ran.append("first")
            let secondRan = try second.withAdvisoryLock(key) { ran.append("second") }
            #expect(!secondRan)
        }
        #expect(firstRan)
        #expect(ran == ["first"])
        // Released after the body.
        #expect(try second.withAdvisoryLock(key) { ran.append("second") })
        #expect(ran == ["first", "second"])
    }

    @Test func withAdvisoryLockReleasesTheLockWhenTheBodyThrows() throws {
        let key = TestCluster.uniqueLockKey()
        let first = try TestCluster.connect()
        let second = try TestCluster.connect()
        #expect(throws: Failed.self) {
            try first.withAdvisoryLock(key) { throw Failed() }
        }
        #expect(try second.tryAdvisoryLock(key))
    }

    @Test func theLockOutlivesARolledBackTransaction() throws {
        let key = TestCluster.uniqueLockKey()
        let first = try TestCluster.connect()
        let second = try TestCluster.connect()
        #expect(throws: Failed.self) {
            try first.transaction {
                #expect(try first.tryAdvisoryLock(key))
                throw Failed()
            }
        }
        #expect(try !second.tryAdvisoryLock(key))
        #expect(try first.advisoryUnlock(key))
    }
}
#endif
