import Foundation

// Reading and parsing requests on the event loop.
extension EventLoop {
    func readRequest(from connection: Connection) {
        let received = readBuffer.withUnsafeMutableBytes {
            recv(connection.descriptor, $0.baseAddress, $0.count, 0)
        }
        if received > 0 {
            if connection.exchange == nil && connection.parser.isBetweenRequests {
                connection.requestStartedAt = now
                connection.headDeadline = connection.headDeadline ?? now + configuration.headerTimeout
            }
            connection.parser.feed(readBuffer[0..<received])
            processInput(connection)
        } else if received == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            // The peer closed or reset: a request cut short cannot be answered usefully.
            close(connection)
        }
    }

    /// Parses what is buffered, moving the connection on as parts complete. Also called after a
    /// response, because pipelined requests may already be waiting in the parser.
    func processInput(_ connection: Connection) {
        do {
            while connection.phase == .reading, let part = try connection.parser.nextPart() {
                switch part {
                case .head(let head):
                    try begin(head, on: connection)
                case .body(let bytes):
                    connection.exchange?.pace.received(bytes.count)
                    try connection.exchange?.spool?.append(bytes)
                case .end:
                    try finishRequest(on: connection)
                }
            }
        } catch let error as HTTPParseError {
            respond(to: connection, with: error)
            return
        } catch {
            log("http: could not store request body: \(error)")
            respond(to: connection, with: HTTPParseError(status: .internalServerError, reason: "could not store the request body"))
            return
        }
        guard connection.phase == .reading else { return }
        if let exchange = connection.exchange {
            setDeadline(connection, exchange.pace.deadline(lastPiece: now, configuration: configuration))
        } else if !connection.parser.isBetweenRequests {
            if connection.headDeadline == nil {
                connection.requestStartedAt = now
                connection.headDeadline = now + configuration.headerTimeout
            }
            setDeadline(connection, connection.headDeadline)
        } else {
            setDeadline(connection, connection.idleDeadline)
        }
    }

    private func begin(_ head: HTTPRequestHead, on connection: Connection) throws {
        connection.headDeadline = nil
        var spool: RequestBodySpool?
        switch head.framing {
        case .none, .contentLength(0):
            spool = nil
        case .contentLength(let length):
            spool = try RequestBodySpool(threshold: configuration.spoolThreshold, directory: configuration.spoolDirectory, expectedLength: length)
        case .chunked:
            spool = try RequestBodySpool(threshold: configuration.spoolThreshold, directory: configuration.spoolDirectory, expectedLength: nil)
        }
        connection.exchange = Connection.Exchange(head: head, path: HTTPRequest.split(target: head.target).path, spool: spool,
                                                  pace: BodyPace(startedAt: now))
        // A client that already sent body bytes is not waiting for the interim response.
        if head.expectsContinue && connection.parser.bufferedByteCount == 0 {
            connection.outbound += Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            flushInterim(connection)
        }
    }

    private func finishRequest(on connection: Connection) throws {
        guard let exchange = connection.exchange else { return }
        let body = try exchange.spool?.finish() ?? .empty
        let request = HTTPRequest(head: exchange.head, body: body, remoteAddress: connection.remoteAddress)
        connection.phase = .handling
        setDeadline(connection, nil)
        dispatch(request, for: connection)
    }

    /// Discards input after the final response so the client reads that response instead of a
    /// connection reset; ends at EOF or after the linger timeout.
    func drainWhileClosing(_ connection: Connection) {
        while true {
            let received = readBuffer.withUnsafeMutableBytes {
                recv(connection.descriptor, $0.baseAddress, $0.count, 0)
            }
            if received > 0 {
                // Level-triggered epoll reports the rest on the next round.
                return
            }
            if received < 0 && errno == EINTR { continue }
            if received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !stopping { return }
            close(connection)
            return
        }
    }
}
