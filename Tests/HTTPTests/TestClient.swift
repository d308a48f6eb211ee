import Foundation
@testable import HTTP

/// A blocking TCP client that speaks raw bytes, so tests can send exactly what a
/// misbehaving client would.
final class TestClient {
    struct Response {
        var status: Int
        var statusLine: String
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    private var pending: [UInt8] = []

    /// `source` picks the local address to connect from, such as 127.0.0.2 for a second client
    /// host on loopback.
    init(port: Int, timeout: Duration = .seconds(5), from source: String? = nil) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HTTPServerError(call: "socket") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let error = HTTPServerError(call: "bind", detail: source)
                Glibc.close(descriptor)
                throw error
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = HTTPServerError(call: "connect")
            Glibc.close(descriptor)
            throw error
        }
        setTimeout(timeout)
    }

    deinit {
        Glibc.close(descriptor)
    }

    func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw HTTPServerError(call: "send") }
            offset += sent
        }
    }

    /// Reads more bytes into `pending`; false at end of stream.
    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if received > 0 {
            pending += buffer[0..<received]
            return true
        }
        if received == 0 { return false }
        if errno == ECONNRESET { return false }
        throw HTTPServerError(call: "recv")
    }

    /// Reads one response; `hasBody: false` for answers to HEAD.
    func readResponse(hasBody: Bool = true) throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = pending.firstRange(of: separator)?.upperBound
            if headEnd == nil {
                guard try fill() else { throw Failure(description: "closed before a complete head: \(String(decoding: pending, as: UTF8.self))") }
            }
        }
        let head = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd!)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ")[1]) ?? 0
        var headers = HTTPHeaders()
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers.add(String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        var length = hasBody ? Int(headers["Content-Length"] ?? "0") ?? 0 : 0
        if status == 100 { length = 0 }
        while pending.count < length {
            guard try fill() else { throw Failure(description: "closed in the middle of a body") }
        }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return Response(status: status, statusLine: statusLine, headers: headers, body: body)
    }

    /// Whether the server has sent something (or closed) within `timeout`, without reading it.
    func hasInput(within timeout: Duration) -> Bool {
        if !pending.isEmpty { return true }
        var descriptorToPoll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptorToPoll, 1, Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)) > 0
    }

    /// True when the server closed the connection without sending anything more.
    func isClosedByPeer() throws -> Bool {
        if !pending.isEmpty { return false }
        return try !fill() && pending.isEmpty
    }
}

/// Collects access log lines from the server under test.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    func record(_ line: String) {
        lock.withLock { stored.append(line) }
    }

    /// The lines once there are at least `count`: the server logs after the last byte is sent,
    /// so a client may see the response a moment before the line exists.
    func waitForLines(_ count: Int, timeout: Duration = .seconds(2)) -> [String] {
        let deadline = ContinuousClock.now + timeout
        while lines.count < count && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        return lines
    }
}

/// Runs `body` against a started server, stopping it afterwards.
func withServer(
    _ configuration: HTTPServerConfiguration = .init(),
    handler: @escaping HTTPHandler = { request in .text("hello \(request.path)") },
    immediate: HTTPImmediateHandler? = nil,
    _ body: (_ port: Int, _ server: HTTPServer, _ log: LogRecorder) throws -> Void
) throws {
    var configuration = configuration
    configuration.port = 0
    if configuration.workerThreads > 8 { configuration.workerThreads = 4 }
    let log = LogRecorder()
    let server = HTTPServer(configuration: configuration, handler: handler, immediate: immediate, log: { log.record($0) })
    let port = try server.start()
    defer { server.stop() }
    try body(port, server, log)
}

/// A quick configuration for tests: short timeouts so failures show up fast.
func testConfiguration() -> HTTPServerConfiguration {
    HTTPServerConfiguration(
        port: 0,
        headerTimeout: .seconds(2),
        idleTimeout: .seconds(2),
        bodyTimeout: .seconds(2),
        sendTimeout: .seconds(2),
        shutdownTimeout: .seconds(2),
        workerThreads: 4
    )
}
