import Foundation

// Who gets a connection slot: the per-address cap.
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

    /// Logs what was turned away since the last report, at most once per `OverloadReport.interval`.
    func reportOverload() {
        guard !overload.isEmpty, now >= nextOverloadReport else { return }
        log(overload.line)
        overload = OverloadReport()
        nextOverloadReport = now + OverloadReport.interval
    }
}
