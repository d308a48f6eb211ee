import Foundation
import Testing
@testable import App

/// A change that queues e-mail wakes the delivery worker at once; one that queues none does not.
@Suite struct OutboxWakeUpTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test func anApprovalWakesDeliveryButAStartedReviewDoesNot() throws {
        let app = try TestApp.withDemoClaims()
        let wakes = Counter()
        app.application.outboxWakeUp.connect { wakes.increment() }
        app.login(ReviewTests.rita)
        // Starting a review queues no e-mail.
        #expect(app.post("/review/C-1001/start", [("version", try app.version(of: "C-1001"))]).status == 303)
        #expect(wakes.count == 0)
        // Approving queues the customer's consent request and the partner's notice.
        let version = try app.version(of: "C-1005")
        #expect(app.post("/review/C-1005/approve", [("version", version), ("confirmed", "yes")]).status == 303)
        #expect(wakes.count == 1)
    }
}
