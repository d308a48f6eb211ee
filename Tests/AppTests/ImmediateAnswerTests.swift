import HTTP
import Testing
@testable import App

/// The event loop answers the liveness check itself, exactly as a worker would; everything else
/// goes to a worker.
@Suite struct ImmediateAnswerTests {
    @Test func onlyTheLivenessCheckIsAnsweredWithoutAWorker() throws {
        let app = try TestApp()
        let application = app.application
        let healthz = HTTPRequest(method: .get, target: "/healthz")
        let immediate = try #require(application.immediateAnswer(healthz))
        #expect(immediate == application.handle(healthz))
        #expect(immediate.status == .ok && immediate.headers["X-Frame-Options"] == "DENY")
        #expect(application.immediateAnswer(HTTPRequest(method: .head, target: "/healthz?probe=1")) != nil)
        let others: [(HTTPMethod, String)] = [(.post, "/healthz"), (.get, "/readyz"), (.get, "/login"), (.get, "/healthz/x"),
                                              (.get, "/static/app.css"), (.get, "/claims")]
        for (method, target) in others {
            #expect(application.immediateAnswer(HTTPRequest(method: method, target: target)) == nil, "\(method) \(target)")
        }
    }
}
