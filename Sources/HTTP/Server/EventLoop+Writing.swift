import Foundation

// Writing responses on the event loop, without ever blocking on a slow reader.
extension EventLoop {
    /// Answers a request the server refused itself, then closes the connection.
    func respond(to connection: Connection, with error: HTTPParseError) {
        let response = HTTPResponse.refusal(error.status, reason: error.reason)
        startResponse(connection, response, bodyFile: nil, mayKeepAlive: false)
    }

    func startResponse(_ connection: Connection, _ response: HTTPResponse, bodyFile: Int32?, mayKeepAlive: Bool = true) {
        // The handler has returned, so a spooled request body is no longer needed.
        connection.exchange?.spool?.removeFile()
        let head = connection.exchange?.head
        let method = head?.method.rawValue ?? "-"
        let keepAlive = mayKeepAlive && !stopping && (head?.keepAlive ?? false) && !response.asksToClose
        let sendsBody = method != "HEAD" && !response.status.forbidsContent

        // Whatever is still queued goes out first, so it all moves to `outbound`, ahead of this head.
        if connection.outboundBodyOffset < connection.outboundBody.count {
            connection.outbound += connection.outboundBody[connection.outboundBodyOffset...]
        }
        connection.outboundBody = []
        connection.outboundBodyOffset = 0
        let alreadyQueued = connection.outbound.count - connection.outboundOffset
        let headStart = connection.outbound.count
        response.appendHead(to: &connection.outbound, keepAlive: keepAlive, requestVersion: head?.version ?? "HTTP/1.1",
                            date: currentDate())
        let headLength = connection.outbound.count - headStart
        var bodyLength = 0
        if sendsBody {
            bodyLength = response.body.count
            switch response.body {
            case .bytes(let bytes) where bytes.count >= Self.separateBodyBytes:
                // A page of tens of kilobytes goes out beside the head in one sendmsg, not copied after it.
                connection.outboundBody = bytes
                connection.outboundBodyOffset = 0
            case .bytes(let bytes):
                connection.outbound += bytes
            case .file, .spooled:
                if let bodyFile {
                    connection.bodyFile = ReadableFile(descriptor: bodyFile)
                    connection.bodyFileRemaining = bodyLength
                }
            }
        } else if let bodyFile {
            Glibc.close(bodyFile)
        }
        connection.outgoing = Connection.Outgoing(
            status: response.status,
            bodyLength: bodyLength,
            keepAlive: keepAlive,
            bodyStartsAt: connection.bytesSent + alreadyQueued + headLength,
            method: method,
            path: connection.exchange?.path ?? "-",
            user: response.loggedUser
        )
        connection.phase = .writing
        flushResponse(connection)
    }

    /// Sends a 100 Continue queued while reading or handling; never completes a response.
    func flushInterim(_ connection: Connection) {
        if send(connection) {
            refreshInterest(connection)
        }
    }

    func flushResponse(_ connection: Connection) {
        while true {
            guard send(connection) else { return }
            guard connection.hasPendingOutbound == false else { continue }
            guard let file = connection.bodyFile, connection.bodyFileRemaining > 0 else { break }
            do {
                let chunk = try file.read(upTo: min(64 * 1024, connection.bodyFileRemaining))
                guard !chunk.isEmpty else {
                    throw HTTPServerError(call: "read", errno: EIO, detail: "response body file ended early")
                }
                connection.bodyFileRemaining -= chunk.count
                connection.outbound = chunk
                connection.outboundOffset = 0
            } catch {
                // The status line is gone already; closing is the only honest signal left.
                log("http: \(error)")
                finishLogging(connection)
                close(connection)
                return
            }
        }
        finishLogging(connection)
        completeResponse(connection)
    }

    /// Writes as much queued output as the socket takes. False when the connection was closed
    /// or must wait for EPOLLOUT.
    private func send(_ connection: Connection) -> Bool {
        while connection.hasPendingOutbound {
            let sent = Self.sendQueued(connection)
            if sent > 0 {
                // The head's bytes go first, then the body's.
                let fromHead = min(sent, connection.outbound.count - connection.outboundOffset)
                connection.outboundOffset += fromHead
                connection.outboundBodyOffset += sent - fromHead
                connection.bytesSent += sent
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                refreshInterest(connection)
                if connection.phase == .writing {
                    setDeadline(connection, now + configuration.sendTimeout)
                }
                return false
            }
            if connection.phase == .writing { finishLogging(connection) }
            if connection.phase == .handling {
                // The handler's result will find the connection gone and be dropped.
                epoll.remove(connection.descriptor)
                connection.peerGone = true
                return false
            }
            close(connection)
            return false
        }
        connection.outbound.removeAll(keepingCapacity: connection.outbound.capacity <= 64 * 1024)
        connection.outboundOffset = 0
        connection.outboundBody = []
        connection.outboundBodyOffset = 0
        return true
    }

    /// Bodies at least this long are sent from their own buffer (see `Connection.outboundBody`).
    static let separateBodyBytes = 16 * 1024

    /// One sendmsg of what is queued: the rest of `outbound`, then the rest of `outboundBody`.
    /// MSG_NOSIGNAL, as for send: a peer that went away is an error here, not a SIGPIPE.
    private static func sendQueued(_ connection: Connection) -> Int {
        connection.outbound.withUnsafeBytes { head in
            connection.outboundBody.withUnsafeBytes { body in
                var vectors = (
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress.map { $0 + connection.outboundOffset }),
                          iov_len: head.count - connection.outboundOffset),
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress.map { $0 + connection.outboundBodyOffset }),
                          iov_len: body.count - connection.outboundBodyOffset))
                return withUnsafeMutableBytes(of: &vectors) { raw in
                    let all = raw.bindMemory(to: iovec.self)
                    // Skip an empty head, so the vector starts at bytes to send.
                    let first = all[0].iov_len == 0 ? 1 : 0
                    var message = msghdr()
                    message.msg_iov = all.baseAddress! + first
                    message.msg_iovlen = all[1].iov_len == 0 ? 1 : 2 - first
                    return Glibc.sendmsg(connection.descriptor, &message, Int32(MSG_NOSIGNAL))
                }
            }
        }
    }

    /// After the last byte: wait for the next request or close.
    private func completeResponse(_ connection: Connection) {
        let keepAlive = connection.outgoing?.keepAlive ?? false
        connection.exchange?.spool?.removeFile()
        connection.exchange = nil
        connection.outgoing = nil
        connection.bodyFile = nil
        connection.requestStartedAt = nil
        if keepAlive && !stopping {
            connection.phase = .reading
            connection.idleDeadline = now + configuration.idleTimeout
            connection.idleSince = now
            connection.headDeadline = nil
            refreshInterest(connection)
            processInput(connection)
        } else {
            beginClosing(connection)
        }
    }

    private func beginClosing(_ connection: Connection) {
        _ = shutdown(connection.descriptor, Int32(SHUT_WR))
        connection.phase = .closing
        setDeadline(connection, now + Self.lingerTimeout)
        refreshInterest(connection)
        drainWhileClosing(connection)
    }

    /// Writes the access log line for the response in progress, once.
    func finishLogging(_ connection: Connection) {
        guard let outgoing = connection.outgoing, !outgoing.logged else { return }
        connection.outgoing?.logged = true
        let bodySent = min(outgoing.bodyLength, max(0, connection.bytesSent - outgoing.bodyStartsAt))
        let started = connection.requestStartedAt ?? now
        let elapsed = (ContinuousClock.now - started).milliseconds
        let tenths = Int((elapsed * 10).rounded())
        log(configuration.accessLogFormat.line(method: outgoing.method, path: configuration.loggable(outgoing.path), status: outgoing.status.code,
                                              bytes: bodySent, tenthsOfMilliseconds: tenths, remote: connection.remoteAddress,
                                              user: outgoing.user))
    }
}
