import Foundation
import Testing
@testable import Storage

@Suite struct ServerSecretStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theCSRFKeyIsMadeOnceAndKept() throws {
        let temp = try MigratedDatabase()
        let secrets = SQLiteServerSecretStore(database: temp.database)
        let first = try secrets.csrfKey(orMake: { [UInt8](repeating: 1, count: 32) }, at: now)
        let again = try secrets.csrfKey(orMake: { [UInt8](repeating: 2, count: 32) }, at: now)
        #expect(first == again && first == [UInt8](repeating: 1, count: 32))
    }
}
