import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A scripted SMTP server on a loopback port: accepts one connection on its own thread,
/// answers each command from `Script`, and records what the client sent.
final class FakeSMTPServer: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The reply lines for each command; a multi-line reply is several strings.
    struct Script: Sendable {
        var greeting = ["220 fake.example ESMTP ready"]
        var ehlo = ["250-fake.example greets you", "250-PIPELINING", "250-SIZE 10240000", "250 8BITMIME"]
        var helo = ["250 fake.example"]
        var auth = ["235 2.7.0 Authentication successful"]
        var mailFrom = ["250 2.1.0 Ok"]
        var rcptTo: @Sendable (_ command: String) -> [String] = { _ in ["250 2.1.5 Ok"] }
        var data = ["354 End data with <CR><LF>.<CR><LF>"]
        var afterData = ["250 2.0.0 Ok: queued as 4242"]
        var quit = ["221 2.0.0 Bye"]
        /// Close the connection once the first bytes of the message arrive.
        var hangUpDuringData = false
        /// Accept the connection but never say anything.
        var silent = false
    }

    let port: Int
    private let script: Script
    private let listener: Int32
    private let lock = NSLock()
    private var commands: [String] = []
    private var received: [UInt8] = []
    private let finished = DispatchSemaphore(value: 0)

    /// The command lines the client sent, in order.
    var transcript: [String] { lock.withLock { commands } }
    /// What came between DATA and the final ".", exactly as sent (still dot-stuffed).
    var content: [UInt8] { lock.withLock { received } }

    init(_ script: Script = Script()) throws {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            close(fd)
            throw Failure(description: "bind/listen: errno \(errno)")
        }
        do {
            port = try Self.localPort(of: fd)
        } catch {
            close(fd)
            throw error
        }
        listener = fd
        FakeSMTPServer.setReceiveTimeout(listener, seconds: 5)
        Thread.detachNewThread { [self] in
            serve()
            finished.signal()
        }
    }

    deinit {
        close(listener)
    }

    /// Waits until the client's connection is over, so the transcript is complete.
    func finish() {
        _ = finished.wait(timeout: .now() + 5)
    }

    private func serve() {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        FakeSMTPServer.setReceiveTimeout(client, seconds: 5)
        var reader = LineReader(descriptor: client)
        if script.silent {
            while reader.fill() {}
            return
        }
        reply(client, script.greeting)
        while let line = reader.line() {
            lock.withLock { commands.append(line) }
            let verb = line.uppercased()
            if verb.hasPrefix("EHLO") {
                reply(client, script.ehlo)
            } else if verb.hasPrefix("HELO") {
                reply(client, script.helo)
            } else if verb.hasPrefix("AUTH") {
                reply(client, script.auth)
            } else if verb.hasPrefix("MAIL FROM:") {
                reply(client, script.mailFrom)
            } else if verb.hasPrefix("RCPT TO:") {
                reply(client, script.rcptTo(line))
            } else if verb == "DATA" {
                reply(client, script.data)
                guard script.data.last?.hasPrefix("354") == true else { continue }
                if script.hangUpDuringData {
                    _ = reader.fill()
                    return
                }
                guard let message = reader.message() else { return }
                lock.withLock { received = message }
                reply(client, script.afterData)
            } else if verb == "QUIT" {
                reply(client, script.quit)
                return
            } else if verb == "RSET" || verb == "NOOP" {
                reply(client, ["250 2.0.0 Ok"])
            } else {
                reply(client, ["502 5.5.2 Error: command not recognized"])
            }
        }
    }

    private func reply(_ client: Int32, _ lines: [String]) {
        let bytes = Array(lines.map { $0 + "\r\n" }.joined().utf8)
        _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    static func setReceiveTimeout(_ fd: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    static func localPort(of fd: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw Failure(description: "getsockname: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port on which nothing listens: bound but never listening, so connecting is refused and
    /// no other test can take it while the socket stays open.
    static func withRefusingPort(_ body: (Int) throws -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind: errno \(errno)") }
        try body(try localPort(of: fd))
    }
}

/// Buffered reading of CRLF lines and of a DATA section.
private struct LineReader {
    let descriptor: Int32
    var buffer: [UInt8] = []

    /// Reads more bytes; false at end of stream, on error or on timeout.
    mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    mutating func line() -> String? {
        while true {
            if let end = buffer.firstRange(of: [0x0D, 0x0A]) {
                let line = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<end.upperBound)
                return line
            }
            guard fill() else { return nil }
        }
    }

    /// The bytes up to the "CRLF.CRLF" that ends DATA, keeping the final CRLF of the message.
    mutating func message() -> [UInt8]? {
        let terminator: [UInt8] = Array("\r\n.\r\n".utf8)
        while true {
            if buffer.starts(with: Array(".\r\n".utf8)) {
                buffer.removeFirst(3)
                return []
            }
            if let end = buffer.firstRange(of: terminator) {
                let message = Array(buffer[..<(end.lowerBound + 2)])
                buffer.removeSubrange(..<end.upperBound)
                return message
            }
            guard fill() else { return nil }
        }
    }
}
