import Foundation

// Accepting connections on the event loop.
extension EventLoop {
    func acceptConnections() {
        for _ in 0..<64 {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listener, $0, &length)
                }
            }
            if fd < 0 {
                let error = HTTPServerError(call: "accept")
                switch error.errno {
                case EAGAIN, EWOULDBLOCK: return
                case EINTR, ECONNABORTED, EPROTO: continue
                default:
                    // Usually EMFILE: back off instead of spinning on a listener that stays readable.
                    log("http: \(error)")
                    pauseAccepting()
                    return
                }
            }
            let client = ClientAddress(address)
            if isAtAddressCap(client) {
                refuseOverAddressCap(fd)
                continue
            }
            // Only a client within its cap may make others give up their slots.
            makeRoom()
            guard connections.count < configuration.maxConnections, !stopping else {
                if !stopping { overload.refusedAtLimit += 1 }
                Glibc.close(fd)
                continue
            }
            // accept4 is not exposed by the Glibc module, so the flags are set separately.
            guard fcntl(fd, F_SETFL, O_NONBLOCK) == 0, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else {
                log("http: \(HTTPServerError(call: "fcntl"))")
                Glibc.close(fd)
                continue
            }
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            nextConnectionID += 1
            let connection = Connection(
                id: nextConnectionID,
                descriptor: fd,
                remoteAddress: SocketAddress.describe(address),
                clientAddress: client,
                limits: configuration.parserLimits,
                idleDeadline: now + configuration.headerTimeout,
                interest: Epoll.readable
            )
            // The first request's head is due a header timeout after the accept, not after its first byte.
            connection.headDeadline = connection.idleDeadline
            do {
                try epoll.add(fd, events: Epoll.readable)
            } catch {
                log("http: \(error)")
                Glibc.close(fd)
                continue
            }
            connections[fd] = connection
            openPerAddress[client, default: 0] += 1
            openConnections.opened()
            setDeadline(connection, connection.idleDeadline)
        }
    }

    func pauseAccepting() {
        guard listener >= 0 else { return }
        try? epoll.modify(listener, events: 0)
        acceptPausedUntil = now + Self.acceptBackoff
        setSweep(acceptPausedUntil!)
    }
}
