import Foundation

/// The single thread that accepts, reads, parses and writes for every connection, using
/// non-blocking sockets and epoll, so slow or idle clients only cost a descriptor and a few
/// bytes of state. Complete requests go to the worker pool; results come back via `post`.
final class EventLoop: @unchecked Sendable {
    // Shared with other threads; guarded by `lock`. Everything else below is touched only by
    // the loop thread, which is why the type can be marked @unchecked Sendable.
    private let lock = NSLock()
    private var handled: [HandledRequest] = []
    private var stopRequested = false

    let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    let immediate: HTTPImmediateHandler?
    let log: @Sendable (String) -> Void
    let pool: WorkerPool
    let epoll: Epoll
    let wakeup: WakeupSignal
    let openConnections: ConnectionCount

    var listener: Int32
    var connections: [Int32: Connection] = [:]
    /// Open connections per client address, for `maxConnectionsPerAddress`.
    var openPerAddress: [ClientAddress: Int] = [:]
    var overload = OverloadReport()
    var nextOverloadReport = ContinuousClock.now
    var now = ContinuousClock.now
    var nextSweep = ContinuousClock.now
    var stopping = false
    var stopDeadline: ContinuousClock.Instant?
    var acceptPausedUntil: ContinuousClock.Instant?
    var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    var nextConnectionID: UInt64 = 0
    /// Requests `immediate` answered in this round, delivered at its end rather than from inside
    /// the parsing that found them, so a pipeline of them is a loop, never a recursion.
    var answeredOnLoop: [HandledRequest] = []
    private var cachedDate: (second: Int, text: String) = (0, "")

    /// How long a closing connection's input is drained before it is closed regardless.
    static let lingerTimeout = Duration.seconds(2)
    /// How long accepting pauses when the process is out of descriptors.
    static let acceptBackoff = Duration.milliseconds(100)

    init(listener: Int32, configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler,
         immediate: HTTPImmediateHandler? = nil, pool: WorkerPool, log: @escaping @Sendable (String) -> Void,
         openConnections: ConnectionCount = ConnectionCount()) throws {
        self.listener = listener
        self.openConnections = openConnections
        self.configuration = configuration
        self.handler = handler
        self.immediate = immediate
        self.pool = pool
        self.log = log
        epoll = try Epoll()
        wakeup = try WakeupSignal()
        try epoll.add(listener, events: Epoll.readable)
        try epoll.add(wakeup.descriptor, events: Epoll.readable)
    }

    // MARK: Called from other threads

    func requestStop() {
        lock.withLock { stopRequested = true }
        wakeup.signal()
    }

    func post(_ result: HandledRequest) {
        // One wake-up per batch: while results are waiting, the loop has been signalled already
        // and will take this one with them.
        let first = lock.withLock {
            handled.append(result)
            return handled.count == 1
        }
        if first { wakeup.signal() }
    }

    /// Closes body files of results that arrived after the loop ended.
    func discardLateResults() {
        let late = lock.withLock {
            defer { handled.removeAll() }
            return handled
        }
        for result in late {
            if let file = result.bodyFile { Glibc.close(file) }
        }
    }

    // MARK: The loop

    func run() {
        do {
            try runUntilStopped()
        } catch {
            log("http: event loop failed: \(error)")
        }
        for result in answeredOnLoop {
            if let file = result.bodyFile { Glibc.close(file) }
        }
        answeredOnLoop.removeAll()
        for connection in Array(connections.values) { close(connection) }
        closeListener()
    }

    private func runUntilStopped() throws {
        while true {
            let ready = try epoll.wait(timeoutMilliseconds: millisecondsUntilNextSweep())
            now = .now
            for (fd, events) in ready {
                if fd == listener {
                    acceptConnections()
                } else if fd == wakeup.descriptor {
                    wakeup.drain()
                    deliverHandledRequests()
                    if lock.withLock({ stopRequested }) && !stopping { beginStopping() }
                } else if let connection = connections[fd] {
                    service(connection, events: events)
                }
            }
            deliverAnsweredOnLoop()
            if now >= nextSweep { sweep() }
            if stopping {
                if connections.isEmpty { return }
                if let stopDeadline, now >= stopDeadline {
                    log("http: shutdown timeout passed, closing \(connections.count) connection(s)")
                    return
                }
            }
        }
    }

    private func millisecondsUntilNextSweep() -> Int32 {
        let wait = nextSweep - .now
        if wait <= .zero { return 0 }
        return Int32(min(1000, wait.milliseconds.rounded(.up)))
    }

    private func beginStopping() {
        stopping = true
        stopDeadline = now + configuration.shutdownTimeout
        setSweep(stopDeadline!)
        closeListener()
        for connection in Array(connections.values) {
            let idle = connection.phase == .reading && connection.exchange == nil
            if idle || connection.phase == .closing { close(connection) }
        }
    }

    private func closeListener() {
        guard listener >= 0 else { return }
        epoll.remove(listener)
        Glibc.close(listener)
        listener = -1
    }

    // MARK: Events

    private func service(_ connection: Connection, events: UInt32) {
        switch connection.phase {
        case .reading:
            if events & Epoll.writable != 0 { flushInterim(connection) }
            if connections[connection.descriptor] === connection, connection.phase == .reading,
               events & (Epoll.readable | Epoll.failed) != 0 {
                readRequest(from: connection)
            }
        case .handling:
            if events & Epoll.failed != 0 {
                epoll.remove(connection.descriptor)
                connection.peerGone = true
            } else if events & Epoll.writable != 0 {
                flushInterim(connection)
            }
        case .writing:
            flushResponse(connection)
        case .closing:
            drainWhileClosing(connection)
        }
    }

    /// Delivers handler results to their connections, unless the connection went away meanwhile.
    private func deliverHandledRequests() {
        let batch = lock.withLock {
            defer { handled.removeAll(keepingCapacity: true) }
            return handled
        }
        for result in batch { deliver(result) }
    }

    /// Delivers what `immediate` answered, and what delivering it let the same connections' next
    /// pipelined requests answer, until nothing is left.
    private func deliverAnsweredOnLoop() {
        while !answeredOnLoop.isEmpty {
            let batch = answeredOnLoop
            answeredOnLoop.removeAll(keepingCapacity: true)
            for result in batch { deliver(result) }
        }
    }

    private func deliver(_ result: HandledRequest) {
        guard let connection = connections[result.descriptor], connection.id == result.connectionID,
              connection.phase == .handling else {
            if let file = result.bodyFile { Glibc.close(file) }
            return
        }
        startResponse(connection, result.response, bodyFile: result.bodyFile)
    }

    /// Answers a complete request on the loop when `immediate` can, else runs the handler on the
    /// worker pool.
    func dispatch(_ request: HTTPRequest, for connection: Connection) {
        let id = connection.id
        let descriptor = connection.descriptor
        let sendsBody = request.method != .head
        if let immediate, let response = immediate(request) {
            // Answered before the loop waits again, so epoll's interest stays as it is: changing it
            // for the handling phase and back would cost two system calls per request.
            answeredOnLoop.append(handled(response, connectionID: id, descriptor: descriptor, sendsBody: sendsBody))
            return
        }
        // Nothing is read while a worker has the request.
        refreshInterest(connection)
        pool.submit(WorkerPool.Lane(request.method)) { [self] in
            post(handled(handler(request), connectionID: id, descriptor: descriptor, sendsBody: sendsBody))
        }
    }

    /// A handler's response with its body file opened, so a missing file becomes a 500 before
    /// anything is sent.
    private func handled(_ response: HTTPResponse, connectionID: UInt64, descriptor: Int32, sendsBody: Bool) -> HandledRequest {
        var response = response
        var bodyFile: Int32?
        guard sendsBody, !response.status.forbidsContent else {
            return HandledRequest(connectionID: connectionID, descriptor: descriptor, response: response, bodyFile: nil)
        }
        do {
            switch response.body {
            case .bytes: break
            case .file(let path, _):
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw HTTPServerError(call: "open", detail: path) }
                bodyFile = fd
            case .spooled(let file):
                bodyFile = try file.openForSending()
            }
        } catch {
            log("http: response body unavailable: \(error)")
            response = .text("Internal Server Error\n", status: .internalServerError)
        }
        return HandledRequest(connectionID: connectionID, descriptor: descriptor, response: response, bodyFile: bodyFile)
    }

    // MARK: Connection state

    func close(_ connection: Connection) {
        guard connections[connection.descriptor] === connection else { return }
        if !connection.peerGone { epoll.remove(connection.descriptor) }
        Glibc.close(connection.descriptor)
        connections[connection.descriptor] = nil
        if let count = openPerAddress[connection.clientAddress], count > 1 {
            openPerAddress[connection.clientAddress] = count - 1
        } else {
            openPerAddress[connection.clientAddress] = nil
        }
        openConnections.closed()
        connection.exchange?.spool?.removeFile()
        connection.exchange = nil
        connection.bodyFile = nil
    }

    /// Brings epoll's interest in line with what the connection is waiting for.
    func refreshInterest(_ connection: Connection) {
        guard !connection.peerGone else { return }
        let wanted: UInt32
        switch connection.phase {
        case .reading: wanted = Epoll.readable | (connection.hasPendingOutbound ? Epoll.writable : 0)
        case .handling: wanted = connection.hasPendingOutbound ? Epoll.writable : 0
        case .writing: wanted = Epoll.writable
        case .closing: wanted = Epoll.readable
        }
        guard wanted != connection.interest else { return }
        do {
            try epoll.modify(connection.descriptor, events: wanted)
            connection.interest = wanted
        } catch {
            log("http: \(error)")
            close(connection)
        }
    }

    /// The Date header value, formatted at most once a second.
    func currentDate() -> String {
        let second = time(nil)
        if cachedDate.second != second {
            cachedDate = (second, HTTPDate.format(secondsSince1970: second))
        }
        return cachedDate.text
    }
}
