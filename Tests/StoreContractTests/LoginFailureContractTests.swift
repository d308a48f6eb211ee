import Foundation
import Storage
import Testing

/// Failed logins per key, on every backend.
@Suite struct LoginFailureContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: Backend.all) func failuresAreCountedPerKeyForgottenWhenOldAndCleared(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let failures = test.stores.loginFailures
        let keys = LoginFailureKeys.keys(email: "Ana@X", address: "192.0.2.1")
        #expect(keys.count == 2 && keys == LoginFailureKeys.keys(email: "ana@x", address: "192.0.2.1"))
        for second in [0, 10, 20] {
            try failures.record(keys: keys, at: Self.now.addingTimeInterval(TimeInterval(second)),
                                forgetBefore: Self.now.addingTimeInterval(-3600))
        }
        try failures.record(keys: [keys[1]], at: Self.now.addingTimeInterval(30), forgetBefore: Self.now.addingTimeInterval(-3600))
        let counted = try failures.failures(keys: keys + ["address:other"], since: Self.now.addingTimeInterval(5))
        #expect(counted[keys[0]] == [10, 20].map { Self.now.addingTimeInterval($0) })
        #expect(counted[keys[1]] == [10, 20, 30].map { Self.now.addingTimeInterval($0) }, "oldest first")
        #expect(counted["address:other"] == [])
        try failures.clear(key: keys[0])
        #expect(try failures.failures(keys: keys, since: Self.now)[keys[0]] == [])
        #expect(try failures.failures(keys: keys, since: Self.now)[keys[1]]?.count == 4)
        // A later failure forgets everything older than its horizon.
        try failures.record(keys: [keys[0]], at: Self.now.addingTimeInterval(7200), forgetBefore: Self.now.addingTimeInterval(3600))
        #expect(try failures.failures(keys: keys, since: Self.now)[keys[1]] == [])
        #expect(try failures.failures(keys: keys, since: Self.now)[keys[0]]?.count == 1)
    }
}
