import Foundation

// Who gets a connection slot: the per-address cap, and making room when slots run short.
extension EventLoop {
    /// Whether `client` already holds as many connections as it may.
    func isAtAddressCap(_ client: ClientAddress) -> Bool {
        let cap = configuration.maxConnectionsPerAddress
        return cap > 0 && openPerAddress[client, default: 0] >= cap
    }

    /// Answers a connection over its address's cap with 503 and closes it at once: holding it
    /// open to linger would give that client the very slot it was refused.
    func refuseOverAddressCap(_ fd: Int32) {
        overload.refusedOverAddressCap += 1
        // Take in what already arrived, so that closing does not reset the connection under the answer.
        _ = readBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        let answer = HTTPResponse.refusal(.serviceUnavailable, reason: "too many connections from your address")
            .encodedForClosing(date: currentDate())
        _ = answer.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        Glibc.close(fd)
    }

    /// Makes room for a new connection once `sheddingThreshold` connections are open, by
    /// closing those least worth keeping (see `SheddingRank`). It closes a batch at a time,
    /// down to a little under the threshold, so that the search over every connection is paid
    /// once per batch rather than once per new client.
    func makeRoom() {
        let threshold = configuration.sheddingThreshold
        guard connections.count >= threshold, !stopping else { return }
        let batch = max(1, configuration.maxConnections / 64)
        var candidates: [(rank: SheddingRank, connection: Connection)] = []
        candidates.reserveCapacity(connections.count)
        for connection in connections.values {
            if let rank = SheddingRank(of: connection, at: now) { candidates.append((rank, connection)) }
        }
        let count = connections.count - threshold + batch
        if candidates.count > count {
            candidates.sort { $0.rank < $1.rank }
        }
        for candidate in candidates.prefix(count) { shed(candidate.connection) }
    }

    private func shed(_ connection: Connection) {
        overload.shed += 1
        // A client in the middle of a request is told why, if the socket takes the answer at once;
        // it does not linger, since the slot is wanted now.
        if connection.phase == .reading && (connection.exchange != nil || !connection.parser.isBetweenRequests) {
            respond(to: connection, with: HTTPParseError(status: .requestTimeout, reason: "request too slow while the server is busy"))
        }
        finishLogging(connection)
        close(connection)
    }

    /// Logs what was turned away since the last report, at most once per `OverloadReport.interval`.
    func reportOverload() {
        guard !overload.isEmpty, now >= nextOverloadReport else { return }
        log(overload.line)
        overload = OverloadReport()
        nextOverloadReport = now + OverloadReport.interval
    }
}
