import Foundation
import Testing
@testable import HTTP

/// Requests the immediate handler answers are answered on the event loop, the others on a worker,
/// and a connection's responses keep their requests' order whichever answered them.
@Suite struct ImmediateAnswerTests {
    /// The calling thread, as a number.
    static var thread: UInt { UInt(pthread_self()) }

    static let immediate: HTTPImmediateHandler = { request in
        request.path.hasPrefix("/quick") ? .text("quick \(request.path) on \(thread)") : nil
    }
    static let handler: HTTPHandler = { request in .text("slow \(request.path) on \(thread)") }

    /// A body's path and thread.
    static func split(_ body: String) -> (String, String) {
        let words = body.split(separator: " ")
        return (words[0] + " " + words[1], String(words[3]))
    }

    @Test func quickRequestsAreAnsweredOnTheLoopAndTheRestOnWorkersInOrder() throws {
        try withServer(testConfiguration(), handler: Self.handler, immediate: Self.immediate) { port, _, log in
            let client = try TestClient(port: port)
            try client.send(["/quick1", "/slow", "/quick2", "/quick3", "/slow2"]
                .map { "GET \($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            let answers = try (0..<5).map { _ in Self.split(try client.readResponse().text) }
            #expect(answers.map(\.0) == ["quick /quick1", "slow /slow", "quick /quick2", "quick /quick3", "slow /slow2"])
            // The quick ones on one thread (the loop's), the others never on it.
            let loop = answers[0].1
            #expect(answers[2].1 == loop && answers[3].1 == loop)
            #expect(answers[1].1 != loop && answers[4].1 != loop)
            #expect(log.waitForLines(5).count == 5, "one access log line per request, however answered")
        }
    }

    @Test func aLongPipelineOfQuickRequestsIsAnsweredWholeAndInOrder() throws {
        try withServer(testConfiguration(), handler: Self.handler, immediate: Self.immediate) { port, _, _ in
            let client = try TestClient(port: port)
            let count = 2000
            try client.send((0..<count).map { "GET /quick\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            let answers = try (0..<count).map { _ in Self.split(try client.readResponse().text) }
            #expect(answers.map(\.0) == (0..<count).map { "quick /quick\($0)" })
            #expect(Set(answers.map(\.1)).count == 1)
        }
    }

    @Test func aQuickAnswerToHeadHasHeadersOnlyAndCloseIsHonoured() throws {
        try withServer(testConfiguration(), handler: Self.handler, immediate: Self.immediate) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("HEAD /quick HTTP/1.1\r\nHost: t\r\n\r\nGET /quick HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let head = try client.readResponse(hasBody: false)
            #expect(head.status == 200 && head.body.isEmpty)
            let get = try client.readResponse()
            #expect(head.headers["Content-Length"] == "\(get.body.count)")
            #expect(Self.split(get.text).0 == "quick /quick")
            #expect(get.headers["Connection"] == "close")
            #expect(try client.isClosedByPeer())
        }
    }
}
