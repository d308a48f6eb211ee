import Foundation
import Storage
import Testing

/// The CSRF key: made once, then the same for every caller and every node.
@Suite struct ServerSecretContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: Backend.all) func theCSRFKeyIsMadeOnceAndKept(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let secrets = test.stores.serverSecret
        var made = 0
        let first = try secrets.csrfKey(orMake: { made += 1; return [UInt8](repeating: 1, count: 32) }, at: Self.now)
        let again = try secrets.csrfKey(orMake: { made += 1; return [UInt8](repeating: 2, count: 32) }, at: Self.now)
        #expect(first == again && first == [UInt8](repeating: 1, count: 32))
        #expect(made == 1)
        #expect(try test.node().serverSecret.csrfKey(orMake: { [UInt8](repeating: 3, count: 32) }, at: Self.now) == first)
    }

    /// Two nodes starting at the same moment, each making a key: both end up using the same one.
    @Test(arguments: Backend.all) func twoNodesStartingAtOnceAgreeOnOneKey(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let nodes = [test.stores.serverSecret, try test.node().serverSecret]
        let keys = Results<[UInt8]>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                keys.append(try nodes[index].csrfKey(orMake: {
                    // Slow enough that both nodes have found no key before either stores one.
                    Thread.sleep(forTimeInterval: 0.2)
                    return [UInt8](repeating: UInt8(index + 1), count: 32)
                }, at: Self.now))
            } catch {
                Issue.record(error)
            }
        }
        let agreed = keys.values
        #expect(agreed.count == 2 && agreed[0] == agreed[1])
        #expect(try test.stores.serverSecret.csrfKey(orMake: { [] }, at: Self.now) == agreed.first)
    }
}
