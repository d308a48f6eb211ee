import Foundation
import Testing
@testable import HTTP

/// Slow or greedy clients on a real socket: the per-address cap, the head's deadline, and the
/// body's minimum rate and time limit.
@Suite struct HTTPServerSlowClientTests {
    static let slowUpload = "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n"

    /// Sends a byte every `interval` until the server answers or `limit` passes; how long that took.
    private func trickle(_ client: TestClient, every interval: Duration, for limit: Duration) throws -> Duration {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < limit {
            if client.hasInput(within: interval) { break }
            try client.send("x")
        }
        return ContinuousClock.now - started
    }

    @Test func refusesConnectionsOverThePerAddressCapWith503() throws {
        var configuration = testConfiguration()
        configuration.maxConnectionsPerAddress = 3
        try withServer(configuration) { port, _, _ in
            var held: [TestClient] = []
            for _ in 0..<3 {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
                held.append(client)
            }

            let fourth = try TestClient(port: port)
            try fourth.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let refused = try fourth.readResponse()
            #expect(refused.status == 503)
            #expect(refused.headers["Connection"] == "close")
            #expect(refused.headers["X-Content-Type-Options"] == "nosniff")
            #expect(try fourth.isClosedByPeer())

            // Another address is not held back by the first one's connections.
            let neighbour = try TestClient(port: port, from: "127.0.0.2")
            try neighbour.send("GET /neighbour HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try neighbour.readResponse().text == "hello /neighbour")

            // Once one of the three closes, the address may connect again.
            held.removeFirst()
            var answer: TestClient.Response?
            for _ in 0..<50 where answer?.status != 200 {
                Thread.sleep(forTimeInterval: 0.02)
                let again = try TestClient(port: port)
                try again.send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
                answer = try again.readResponse()
            }
            #expect(answer?.text == "hello /again")
        }
    }

    @Test func cutsOffABodyBelowTheMinimumRateWith408() throws {
        var configuration = testConfiguration()
        configuration.bodyTimeout = .seconds(5)
        configuration.minBodyBytesPerSecond = 100
        configuration.bodyRateGracePeriod = .milliseconds(200)
        configuration.bodyTimeLimit = .seconds(10)
        try withServer(configuration) { port, _, log in
            let client = try TestClient(port: port)
            try client.send(Self.slowUpload)
            // Ten bytes a second: it never pauses for the five-second body timeout, but it is a tenth of the minimum.
            let elapsed = try trickle(client, every: .milliseconds(100), for: .seconds(4))
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.headers["Connection"] == "close")
            #expect(elapsed < .milliseconds(1500))
            #expect(try client.isClosedByPeer())
            #expect(log.waitForLines(1).first?.hasPrefix("POST /upload 408 ") == true)
        }
    }

    @Test func cutsOffABodyPastItsTimeLimitEvenAboveTheRate() throws {
        var configuration = testConfiguration()
        configuration.bodyTimeout = .seconds(5)
        configuration.minBodyBytesPerSecond = 10
        configuration.bodyRateGracePeriod = .milliseconds(300)
        configuration.bodyTimeLimit = .milliseconds(800)
        try withServer(configuration) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send(Self.slowUpload)
            // Twenty bytes a second, twice the minimum, with no pause: only the time limit ends it.
            let elapsed = try trickle(client, every: .milliseconds(50), for: .seconds(4))
            #expect(try client.readResponse().status == 408)
            #expect(elapsed >= .milliseconds(700))
            #expect(elapsed < .seconds(2))
        }
    }

    @Test func countsTheFirstHeadDeadlineFromTheAccept() throws {
        var configuration = testConfiguration()
        configuration.headerTimeout = .milliseconds(600)
        try withServer(configuration) { port, _, _ in
            let client = try TestClient(port: port)
            Thread.sleep(forTimeInterval: 0.3)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
            let firstByte = ContinuousClock.now
            #expect(try client.readResponse().status == 408)
            // Waiting before the first byte bought nothing: the 408 comes 600 ms after the connect.
            #expect(ContinuousClock.now - firstByte < .milliseconds(500))
        }
    }
}
