import Foundation
import Storage
import Testing

/// Figures for monitoring, on every backend.
@Suite struct StoreFiguresContractTests {
    @Test(arguments: Backend.all) func figuresDescribeTheStore(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let figures = test.stores.figures
        try figures.ping()
        #expect(try figures.outboxDepth() == OutboxDepth())
        #expect(try figures.documentBytes() == 0)
        try OutboxContractTests.queue(4, in: test.stores)
        let outbox = test.stores.outbox
        let taken = try outbox.claimDue(at: OutboxContractTests.now, limit: 3, leaseUntil: OutboxContractTests.now.addingTimeInterval(60))
        try outbox.markSent(taken[0].id, at: OutboxContractTests.now)
        try outbox.markFailed(taken[1].id, error: "550", retryAt: nil)
        try outbox.markFailed(taken[2].id, error: "421", retryAt: OutboxContractTests.now.addingTimeInterval(60))
        var expected = OutboxDepth()
        expected.pending = 2
        expected.retrying = 1
        expected.failed = 1
        expected.sent = 1
        #expect(try figures.outboxDepth() == expected)
    }

    @Test(arguments: Backend.all) func theDatabaseHasASizeAndSQLiteAWriteAheadLog(_ backend: Backend) throws {
        let test = try backend.makeStores()
        let size = try test.stores.figures.databaseSize()
        #expect(size.bytes > 0)
        switch backend {
        case .sqlite: #expect(size.walBytes != nil)
        case .postgres: #expect(size.walBytes == nil)
        }
    }
}
