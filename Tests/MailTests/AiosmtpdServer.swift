import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `python3 -m aiosmtpd` on a free loopback port, writing each message to a maildir.
final class AiosmtpdServer {
    static let isAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import aiosmtpd"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do {
            try probe.run()
        } catch {
            return false
        }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    let port: Int
    let maildir: String
    private let process = Process()

    init() throws {
        port = try Self.freePort()
        maildir = NSTemporaryDirectory() + "aiosmtpd-\(UUID().uuidString)"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard waitUntilListening() else {
            stop()
            throw FakeSMTPServer.Failure(description: "aiosmtpd did not start listening on port \(port)")
        }
    }

    func stop() {
        // SIGKILL: the test runner's threads block SIGTERM and SIGINT, and the child
        // inherits that mask, so a gentler signal would leave the server running.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: maildir)
    }

    /// The first message stored in the maildir, once it appears.
    func waitForMessage(timeout: Duration = .seconds(5)) -> [UInt8]? {
        let deadline = ContinuousClock.now + timeout
        let folder = maildir + "/new"
        while ContinuousClock.now < deadline {
            if let name = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.first,
               let data = FileManager.default.contents(atPath: "\(folder)/\(name)") {
                return [UInt8](data)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    private func waitUntilListening() -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline && process.isRunning {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// A port the kernel just handed out; free again once the probing socket closes.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw FakeSMTPServer.Failure(description: "bind: errno \(errno)") }
        return try FakeSMTPServer.localPort(of: fd)
    }
}
