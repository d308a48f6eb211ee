import Foundation
import Testing
@testable import HTTP

/// Slow or greedy clients on a real socket: the per-address cap, the head's deadline, the body's
/// minimum rate and time limit, and shedding when slots run short.
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

    /// Limits that let nothing expire during a test, so only shedding closes connections.
    private func sheddingConfiguration() -> HTTPServerConfiguration {
        var configuration = testConfiguration()
        configuration.maxConnections = 32
        // Every client is on loopback.
        configuration.maxConnectionsPerAddress = 0
        configuration.headerTimeout = .seconds(30)
        configuration.idleTimeout = .seconds(30)
        configuration.bodyTimeout = .seconds(30)
        configuration.bodyRateGracePeriod = .seconds(20)
        return configuration
    }

    @Test func shedsAnIdleConnectionFirstWhenEverySlotIsTaken() throws {
        var configuration = sheddingConfiguration()
        configuration.sheddingLevel = 1
        try withServer(configuration) { port, _, _ in
            var idle: [TestClient] = []
            for _ in 0..<16 {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try client.readResponse()
                idle.append(client)
            }
            var slow: [TestClient] = []
            for _ in 0..<16 {
                let client = try TestClient(port: port)
                try client.send(Self.slowUpload + "ab")
                slow.append(client)
            }
            Thread.sleep(forTimeInterval: 1.2)

            let newcomer = try TestClient(port: port)
            let started = ContinuousClock.now
            try newcomer.send("GET /newcomer HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try newcomer.readResponse().text == "hello /newcomer")
            #expect(ContinuousClock.now - started < .seconds(1))

            let closedIdle = idle.filter { $0.hasInput(within: .milliseconds(100)) }
            #expect(closedIdle.count == 1)
            #expect(try closedIdle.allSatisfy { try $0.isClosedByPeer() })
            #expect(!slow.contains { $0.hasInput(within: .milliseconds(10)) })
        }
    }

    @Test func shedsTheOldestSlowReadersAboveTheHighWaterMark() throws {
        let configuration = sheddingConfiguration()
        #expect(configuration.sheddingThreshold == 28)
        try withServer(configuration) { port, _, log in
            var slow: [TestClient] = []
            for _ in 0..<32 {
                let client = try TestClient(port: port)
                try client.send(Self.slowUpload + "ab")
                slow.append(client)
                Thread.sleep(forTimeInterval: 0.01)
            }
            let newcomer = try TestClient(port: port)
            let started = ContinuousClock.now
            try newcomer.send("GET /newcomer HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try newcomer.readResponse().text == "hello /newcomer")
            #expect(ContinuousClock.now - started < .seconds(1))

            // Each connection past 28 made room by cutting off the oldest upload, which heard why.
            for client in slow.prefix(5) {
                #expect(try client.readResponse().status == 408)
                #expect(try client.isClosedByPeer())
            }
            #expect(!slow.dropFirst(5).contains { $0.hasInput(within: .milliseconds(10)) })
            #expect(log.waitForLines(6).filter { $0.hasPrefix("POST /upload 408 ") }.count == 5)
        }
    }
}
