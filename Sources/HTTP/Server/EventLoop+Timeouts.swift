import Foundation

// Deadlines: every connection has at most one, checked by a sweep that runs when the earliest is due.
extension EventLoop {
    func setDeadline(_ connection: Connection, _ deadline: ContinuousClock.Instant?) {
        connection.deadline = deadline
        if let deadline { setSweep(deadline) }
    }

    func setSweep(_ instant: ContinuousClock.Instant) {
        if instant < nextSweep { nextSweep = instant }
    }

    func sweep() {
        nextSweep = now + .seconds(1)
        if let paused = acceptPausedUntil {
            if paused <= now {
                acceptPausedUntil = nil
                if listener >= 0 { try? epoll.modify(listener, events: Epoll.readable) }
            } else {
                setSweep(paused)
            }
        }
        if let stopDeadline { setSweep(stopDeadline) }
        reportOverload()
        for connection in Array(connections.values) {
            guard let deadline = connection.deadline else { continue }
            if deadline <= now {
                expire(connection)
            } else {
                setSweep(deadline)
            }
        }
    }

    func expire(_ connection: Connection) {
        switch connection.phase {
        case .reading:
            if connection.exchange != nil || !connection.parser.isBetweenRequests {
                respond(to: connection, with: HTTPParseError(status: .requestTimeout, reason: "request not received in time"))
            } else {
                close(connection)
            }
        case .writing:
            finishLogging(connection)
            close(connection)
        case .closing:
            close(connection)
        case .handling:
            break
        }
    }
}
