import Foundation
import Testing
@testable import HTTP

@Suite struct HTTPServerTests {
    @Test func keepsConnectionAliveAcrossRequests() throws {
        try withServer(testConfiguration()) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try client.readResponse()
            try client.send("GET /second HTTP/1.1\r\nHost: t\r\n\r\n")
            let second = try client.readResponse()
            #expect(first.statusLine == "HTTP/1.1 200 OK")
            #expect(first.text == "hello /first")
            #expect(second.text == "hello /second")
            #expect(first.headers["Connection"] == nil)
            #expect(first.headers["Content-Type"] == "text/plain; charset=utf-8")
            #expect(first.headers["Date"]?.hasSuffix(" GMT") == true)
            #expect(log.waitForLines(2).count == 2)
        }
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        try withServer(testConfiguration()) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\nGET /c HTTP/1.1\r\nHost: t\r\n\r\n")
            let bodies = try (0..<3).map { _ in try client.readResponse().text }
            #expect(bodies == ["hello /a", "hello /b", "hello /c"])
        }
    }

    /// Large bodies go out from their own buffer beside the head: pipelined behind a HEAD and a
    /// small answer, each arrives whole, in order, byte for byte, and the log counts its bytes.
    @Test func sendsLargeBodiesWholeAndInOrder() throws {
        @Sendable func body(_ path: String) -> [UInt8] {
            let size = path == "/small" ? 100 : path == "/edge" ? EventLoop.separateBodyBytes : 300_000
            return (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ path.utf8.count) }
        }
        let handler: HTTPHandler = { request in HTTPResponse(status: 200, body: .bytes(body(request.path))) }
        try withServer(testConfiguration(), handler: handler) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("GET /large HTTP/1.1\r\nHost: t\r\n\r\nHEAD /large HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /small HTTP/1.1\r\nHost: t\r\n\r\nGET /edge HTTP/1.1\r\nHost: t\r\n\r\nGET /larger HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().body == body("/large"))
            let head = try client.readResponse(hasBody: false)
            #expect(head.headers["Content-Length"] == "300000" && head.body.isEmpty)
            for path in ["/small", "/edge", "/larger"] {
                #expect(try client.readResponse().body == body(path), "\(path)")
            }
            #expect(log.waitForLines(5).contains { $0.hasPrefix("GET /larger 200 300000b") })
        }
    }

    @Test func answersHeadWithGetHeadersAndNoBody() throws {
        try withServer(testConfiguration()) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("HEAD /page HTTP/1.1\r\nHost: t\r\n\r\nGET /page HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(hasBody: false)
            let get = try client.readResponse()
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "\("hello /page".utf8.count)")
            #expect(head.body.isEmpty)
            // The GET's status line arriving intact proves HEAD sent no body bytes.
            #expect(get.text == "hello /page")
        }
    }

    @Test func closesAfterConnectionClose() throws {
        try withServer(testConfiguration()) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByPeer())
        }
    }

    @Test func closesHTTP10UnlessKeepAliveAsked() throws {
        try withServer(testConfiguration()) { port, _, _ in
            let plain = try TestClient(port: port)
            try plain.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try plain.readResponse().headers["Connection"] == "close")
            #expect(try plain.isClosedByPeer())

            let keepAlive = try TestClient(port: port)
            try keepAlive.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().headers["Connection"] == "keep-alive")
            try keepAlive.send("GET /again HTTP/1.0\r\n\r\n")
            #expect(try keepAlive.readResponse().text == "hello /again")
        }
    }

    @Test func sendsContinueBeforeReadingBody() throws {
        let echo: HTTPHandler = { request in
            .text("got " + String(decoding: (try? request.body.readAll()) ?? [], as: UTF8.self))
        }
        try withServer(testConfiguration(), handler: echo) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("PUT /doc HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.statusLine == "HTTP/1.1 100 Continue")
            try client.send("hello")
            #expect(try client.readResponse().text == "got hello")
        }
    }

    @Test func refusesDeclaredOversizedBodyWithoutContinue() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 100
        try withServer(configuration) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("PUT /doc HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\nExpect: 100-continue\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByPeer())
            #expect(log.waitForLines(1).first?.hasPrefix("- - 413 ") == true)
        }
    }

    @Test func refusesOversizedChunkedBodyWhileReceiving() throws {
        var configuration = testConfiguration()
        configuration.maxBodyBytes = 100
        try withServer(configuration) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("POST /up HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + String(repeating: "x", count: 64) + "\r\n40\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(try client.isClosedByPeer())
            #expect(log.waitForLines(1).first?.hasPrefix("POST /up 413 ") == true)
        }
    }

    @Test func refusesLongRequestLineAndLargeHeadersFromTheWire() throws {
        try withServer(testConfiguration()) { port, _, _ in
            let long = try TestClient(port: port)
            try long.send("GET /" + String(repeating: "a", count: 9 * 1024) + " HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try long.readResponse().status == 414)
            #expect(try long.isClosedByPeer())

            let large = try TestClient(port: port)
            try large.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "b", count: 33 * 1024) + "\r\n\r\n")
            #expect(try large.readResponse().status == 431)

            let many = try TestClient(port: port)
            try many.send("GET / HTTP/1.1\r\nHost: t\r\n" + (0..<120).map { "X-\($0): v\r\n" }.joined() + "\r\n")
            #expect(try many.readResponse().status == 431)
        }
    }

    @Test func refusesSmugglingAttemptAndCloses() throws {
        try withServer(testConfiguration()) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByPeer())
            #expect(!log.lines.contains { $0.contains("/smuggled") })
        }
    }

    @Test func refusesMalformedRequestWithTheSecurityHeaders() throws {
        try withServer(testConfiguration()) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["X-Frame-Options"] == "DENY")
            #expect(response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'")
            #expect(response.headers["Cache-Control"] == "no-store")
            #expect(response.headers["Referrer-Policy"] == "no-referrer")
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByPeer())
        }
    }

    @Test func answersSlowHeadersWith408() throws {
        var configuration = testConfiguration()
        configuration.headerTimeout = .milliseconds(300)
        try withServer(configuration) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
            let started = ContinuousClock.now
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(try client.isClosedByPeer())
            #expect(log.waitForLines(1).contains { $0.contains(" 408 ") })
        }
    }

    @Test func answersStalledBodyWith408() throws {
        var configuration = testConfiguration()
        configuration.bodyTimeout = .milliseconds(300)
        try withServer(configuration) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("POST /form HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try client.readResponse().status == 408)
            #expect(try client.isClosedByPeer())
            #expect(log.waitForLines(1).first?.hasPrefix("POST /form 408 ") == true)
        }
    }

    @Test func dropsClientThatStopsReadingWithoutBlockingOthers() throws {
        var configuration = testConfiguration()
        configuration.sendTimeout = .milliseconds(300)
        let large = [UInt8](repeating: 0x61, count: 32 * 1024 * 1024)
        let handler: HTTPHandler = { request in
            request.path == "/large" ? HTTPResponse(status: 200, body: .bytes(large)) : .text("small")
        }
        try withServer(configuration, handler: handler) { port, _, log in
            let stalled = try TestClient(port: port)
            try stalled.send("GET /large HTTP/1.1\r\nHost: t\r\n\r\n")
            Thread.sleep(forTimeInterval: 0.1)

            let other = try TestClient(port: port)
            let started = ContinuousClock.now
            try other.send("GET /small HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().text == "small")
            #expect(ContinuousClock.now - started < .milliseconds(250))

            let line = log.waitForLines(2).first { $0.hasPrefix("GET /large ") }
            #expect(line != nil)
            #expect(line?.hasPrefix("GET /large 200 \(large.count)b") == false)
        }
    }

    @Test func turnsAwayConnectionsOverTheLimitWhenNoneCanBeShed() throws {
        var configuration = testConfiguration()
        configuration.maxConnections = 2
        // Requests being handled are never cut short, so with both slots busy there is no room to make.
        let release = DispatchSemaphore(value: 0)
        let handler: HTTPHandler = { _ in
            release.wait()
            return .text("done")
        }
        try withServer(configuration, handler: handler) { port, _, _ in
            let first = try TestClient(port: port)
            try first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            Thread.sleep(forTimeInterval: 0.05)
            let second = try TestClient(port: port)
            try second.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            Thread.sleep(forTimeInterval: 0.1)
            do {
                defer {
                    release.signal()
                    release.signal()
                }
                let third = try TestClient(port: port)
                #expect(try third.isClosedByPeer())
            }
            #expect(try first.readResponse().text == "done")
            #expect(try second.readResponse().text == "done")
        }
    }

    @Test func closesIdleKeepAliveConnectionSilently() throws {
        var configuration = testConfiguration()
        configuration.idleTimeout = .milliseconds(300)
        try withServer(configuration) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
            let started = ContinuousClock.now
            #expect(try client.isClosedByPeer())
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(200) && waited < .seconds(2))
        }
    }

    @Test func answersPromptlyWhileManyClientsIdleOrDribble() throws {
        var configuration = testConfiguration()
        // Every client here is on loopback; what is measured is the event loop, not the per-address cap.
        configuration.maxConnectionsPerAddress = 0
        try withServer(configuration) { port, _, _ in
            var idle: [TestClient] = []
            for index in 0..<500 {
                let client = try TestClient(port: port)
                // Half of them have begun a request and stalled in the middle of it.
                if index % 2 == 0 { try client.send("GET /slow HTTP/1.1\r\nHo") }
                idle.append(client)
            }
            let started = ContinuousClock.now
            let client = try TestClient(port: port)
            try client.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            let elapsed = ContinuousClock.now - started
            #expect(response.text == "hello /fast")
            #expect(elapsed < .seconds(1))
            withExtendedLifetime(idle) {}
        }
    }

    @Test func spoolsLargeBodyToFileAndRemovesItAfterwards() throws {
        let directory = NSTemporaryDirectory() + "http-spool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = testConfiguration()
        configuration.spoolThreshold = 1024
        configuration.spoolDirectory = directory
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let handler: HTTPHandler = { request in
            guard case .file(let path, let length) = request.body else { return .text("in memory", status: 500) }
            var chunks = 0
            var received: [UInt8] = []
            try? request.body.forEachChunk(chunkSize: 32 * 1024) { chunk in
                chunks += 1
                received += chunk
            }
            let matches = received == payload && length == payload.count
            return .text("\(matches) \(chunks) \(path.hasPrefix(directory))")
        }
        try withServer(configuration, handler: handler) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: \(payload.count)\r\n\r\n")
            try client.send(payload)
            #expect(try client.readResponse().text == "true 10 true")

            // Chunked uploads spool too, once they pass the threshold.
            try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            for start in stride(from: 0, to: payload.count, by: 50_000) {
                let piece = Array(payload[start..<min(start + 50_000, payload.count)])
                try client.send(String(piece.count, radix: 16) + "\r\n")
                try client.send(piece + Array("\r\n".utf8))
            }
            try client.send("0\r\n\r\n")
            #expect(try client.readResponse().text == "true 10 true")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        }
    }

    @Test func keepsSmallBodiesInMemory() throws {
        let handler: HTTPHandler = { request in
            if case .bytes(let bytes) = request.body { return .text("memory \(bytes.count)") }
            return .text("elsewhere")
        }
        try withServer(testConfiguration(), handler: handler) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            #expect(try client.readResponse().text == "memory 3")
        }
    }

    @Test func streamsFileResponseBody() throws {
        let path = NSTemporaryDirectory() + "http-response-\(UUID().uuidString)"
        let content = (0..<500_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(content).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handler: HTTPHandler = { request in
            if request.path == "/missing" {
                return .file(path: path + "-missing", length: 10, contentType: "application/octet-stream")
            }
            return .file(path: path, length: content.count, contentType: "application/octet-stream")
        }
        try withServer(testConfiguration(), handler: handler) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("GET /download HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.headers["Content-Length"] == "\(content.count)")
            #expect(response.body == content)

            try client.send("HEAD /download HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(hasBody: false)
            #expect(head.headers["Content-Length"] == "\(content.count)")

            try client.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 500)
            #expect(log.waitForLines(3).contains { $0.hasPrefix("GET /download 200 500000b ") })
        }
    }

    /// A spooled body leaves no file behind from its first byte, and is served like a file:
    /// with its length, to HTTP/1.0 and HEAD too, and from the start however it was written.
    @Test func sendsSpooledResponseBody() throws {
        let directory = NSTemporaryDirectory() + "response-spool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let content = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let handler: HTTPHandler = { _ in
            do {
                let spool = try ResponseSpool(directory: directory)
                for start in stride(from: 0, to: content.count, by: 10_000) {
                    try spool.write(content[start..<min(start + 10_000, content.count)])
                }
                return HTTPResponse(status: .ok, body: try spool.finish())
            } catch {
                return .text("\(error)", status: .internalServerError)
            }
        }
        try withServer(testConfiguration(), handler: handler) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("GET /export HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.headers["Content-Length"] == "\(content.count)")
            #expect(response.body == content)

            try client.send("HEAD /export HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse(hasBody: false).headers["Content-Length"] == "\(content.count)")

            let old = try TestClient(port: port)
            try old.send("GET /export HTTP/1.0\r\n\r\n")
            let response10 = try old.readResponse()
            #expect(response10.headers["Content-Length"] == "\(content.count)" && response10.body == content)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aSpooledBodyReadsBackWhole() throws {
        let spool = try ResponseSpool(directory: NSTemporaryDirectory())
        try spool.write(Array("a,b\r\n".utf8))
        try spool.write(Array(repeating: UInt8(ascii: "x"), count: ResponseSpool.flushThreshold + 5))
        let body = try spool.finish()
        guard case .spooled(let file) = body else { Issue.record("\(body)"); return }
        #expect(body.count == 5 + ResponseSpool.flushThreshold + 5)
        #expect(try file.contents() == Array("a,b\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: ResponseSpool.flushThreshold + 5))
        #expect(throws: HTTPServerError.self) { try spool.write([1]); _ = try spool.finish() }
    }

    @Test func logsOneLinePerRequest() throws {
        try withServer(testConfiguration()) { port, _, log in
            let client = try TestClient(port: port)
            try client.send("GET /healthz?probe=1 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
            let line = try #require(log.waitForLines(1).first)
            #expect(line.hasPrefix("GET /healthz 200 14b "))
            #expect(line.hasSuffix("ms"))
            #expect(log.lines.count == 1)
        }
    }

    @Test func passesRequestDetailsToHandler() throws {
        let handler: HTTPHandler = { request in
            .text("\(request.method) \(request.path) \(request.query) \(request.cookies["sid"] ?? "-") \(request.remoteAddress.hasPrefix("127.0.0.1:"))")
        }
        try withServer(testConfiguration(), handler: handler) { port, _, _ in
            let client = try TestClient(port: port)
            try client.send("DELETE /claims/7?force=yes HTTP/1.1\r\nHost: t\r\nCookie: theme=dark; sid=abc123\r\n\r\n")
            #expect(try client.readResponse().text == "DELETE /claims/7 force=yes abc123 true")
        }
    }

    @Test func finishesInFlightRequestOnStop() throws {
        let handlerStarted = LogRecorder()
        let handler: HTTPHandler = { request in
            handlerStarted.record("started")
            Thread.sleep(forTimeInterval: 0.4)
            return .text("finished")
        }
        let server = HTTPServer(configuration: testConfiguration(), handler: handler, log: { _ in })
        let port = try server.start()
        let client = try TestClient(port: port)
        let idle = try TestClient(port: port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        while handlerStarted.lines.isEmpty { Thread.sleep(forTimeInterval: 0.01) }

        let stopped = LogRecorder()
        Thread {
            server.stop()
            stopped.record("stopped")
        }.start()
        let response = try client.readResponse()
        #expect(response.text == "finished")
        #expect(response.headers["Connection"] == "close")
        #expect(try idle.isClosedByPeer())
        server.waitUntilStopped()
        #expect(stopped.waitForLines(1) == ["stopped"])
        #expect(throws: HTTPServerError.self) { try TestClient(port: port) }
    }

    @Test func reportsBindFailureWithErrno() throws {
        try withServer(testConfiguration()) { port, _, _ in
            var configuration = testConfiguration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration, handler: { _ in .text("") }, log: { _ in })
            do {
                _ = try second.start()
                Issue.record("a second server bound the same port")
                second.stop()
            } catch let error as HTTPServerError {
                #expect(error.call == "bind")
                #expect(error.errno == EADDRINUSE)
            }
        }
    }
}
