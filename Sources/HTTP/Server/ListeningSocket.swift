#if canImport(Glibc)
import Glibc
#endif

/// The non-blocking socket the server accepts connections on.
enum ListeningSocket {
    /// Binds the first address `host` resolves to. SO_REUSEADDR lets a restarted server bind
    /// while connections of the previous one linger in TIME_WAIT.
    static func open(host: String, port: Int, backlog: Int32) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            var error = HTTPServerError(call: "getaddrinfo", errno: EINVAL, detail: "\(host):\(port)")
            error.message = String(cString: gai_strerror(status))
            throw error
        }
        defer { freeaddrinfo(list) }

        var lastError = HTTPServerError(call: "bind", errno: EADDRNOTAVAIL, detail: "\(host):\(port)")
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = HTTPServerError(call: "socket", detail: "\(host):\(port)")
                continue
            }
            var on: Int32 = 1
            guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                lastError = HTTPServerError(call: "setsockopt(SO_REUSEADDR)", detail: "\(host):\(port)")
                close(fd)
                continue
            }
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = HTTPServerError(call: "bind", detail: "\(host):\(port)")
                close(fd)
                continue
            }
            guard listen(fd, backlog) == 0 else {
                lastError = HTTPServerError(call: "listen", detail: "\(host):\(port)")
                close(fd)
                continue
            }
            return fd
        }
        throw lastError
    }

    /// Lifts the soft descriptor limit to the hard one: each connection costs a descriptor and
    /// the usual soft default of 1024 is below `maxConnections`.
    static func raiseDescriptorLimit() throws {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw HTTPServerError(call: "getrlimit") }
        guard limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw HTTPServerError(call: "setrlimit") }
    }
}
