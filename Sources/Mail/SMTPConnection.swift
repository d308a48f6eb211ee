#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to an SMTP server, closed when the value goes away.
/// SO_SNDTIMEO and SO_RCVTIMEO bound connect, each write and each read, so a silent server
/// costs at most `timeout` per step.
final class SMTPConnection {
    private let descriptor: Int32
    private let endpoint: String
    private let timeout: Duration
    private var parser = SMTPReplyParser()

    init(host: String, port: Int, timeout: Duration) throws(MailError) {
        let endpoint = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            // EAI_AGAIN and friends come and go with the resolver; a typo in the host name does
            // not, but it is indistinguishable here, and retrying costs little.
            throw .temporary("cannot resolve \(endpoint): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }

        var lastError = MailError.temporary("no address for \(endpoint)")
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = Self.systemFailure("socket", endpoint)
                continue
            }
            guard Self.setTimeout(fd, SO_SNDTIMEO, timeout), Self.setTimeout(fd, SO_RCVTIMEO, timeout) else {
                lastError = Self.systemFailure("setsockopt(SO_SNDTIMEO/SO_RCVTIMEO)", endpoint)
                close(fd)
                continue
            }
            guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                // With SO_SNDTIMEO set, Linux reports a connect that ran out of time as EINPROGRESS.
                lastError = errno == EINPROGRESS
                    ? .temporary("connect to \(endpoint) timed out after \(timeout)")
                    : Self.systemFailure("connect", endpoint)
                close(fd)
                continue
            }
            descriptor = fd
            self.endpoint = endpoint
            self.timeout = timeout
            return
        }
        throw lastError
    }

    deinit {
        close(descriptor)
    }

    func write(_ text: String) throws(MailError) {
        try write(Array(text.utf8))
    }

    func write(_ bytes: [UInt8]) throws(MailError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 {
                offset += sent
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .temporary("\(endpoint) accepted no data for \(timeout)")
            default: throw Self.systemFailure("send", endpoint)
            }
        }
    }

    func readReply() throws(MailError) -> SMTPReply {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let reply = try parser.nextReply() { return reply }
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                parser.append(chunk[0..<received])
                continue
            }
            if received == 0 { throw .temporary("\(endpoint) closed the connection") }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .temporary("no reply from \(endpoint) within \(timeout)")
            default: throw Self.systemFailure("recv", endpoint)
            }
        }
    }

    /// Network and system failures are worth a retry: the next attempt may find the server up.
    private static func systemFailure(_ call: String, _ endpoint: String, errno code: Int32 = errno) -> MailError {
        .temporary("\(call) \(endpoint) failed: \(String(cString: strerror(code))) [errno \(code)]")
    }

    private static func setTimeout(_ fd: Int32, _ option: Int32, _ timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        // All zeros would mean "wait forever".
        if value.tv_sec <= 0 && value.tv_usec <= 0 { value = timeval(tv_sec: 0, tv_usec: 1000) }
        return setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0
    }
}
