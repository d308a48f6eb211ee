import Foundation

/// An HTTP/1.1 server: one event-loop thread for all socket I/O and a fixed pool of worker
/// threads that run the handler.
///
/// `stop()` is graceful: it stops accepting, closes idle connections, lets requests already
/// received finish and be written (up to `shutdownTimeout`), waits for running handlers, and
/// only then returns. Do not call it from inside a handler, which would wait for itself.
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let handler: HTTPHandler
    private let immediate: HTTPImmediateHandler?
    private let log: @Sendable (String) -> Void
    private let lifecycle = Lifecycle()
    private let connectionCount = ConnectionCount()

    /// `immediate`, when given, may answer a request on the event loop before it goes to `handler`.
    public init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler,
                immediate: HTTPImmediateHandler? = nil, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.handler = handler
        self.immediate = immediate
        self.log = log
    }

    /// Binds, listens and starts the threads; returns the bound port (useful with port 0).
    public func start() throws -> Int {
        try lifecycle.beginStarting()
        do {
            do {
                try ListeningSocket.raiseDescriptorLimit()
            } catch {
                log("http: \(error); keeping the current descriptor limit")
            }
            let listener = try ListeningSocket.open(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            let port: Int
            let loop: EventLoop
            let pool = WorkerPool()
            do {
                port = try SocketAddress.localPort(of: listener)
                loop = try EventLoop(listener: listener, configuration: configuration, handler: handler, immediate: immediate,
                                     pool: pool, log: log,
                                     openConnections: connectionCount)
            } catch {
                close(listener)
                throw error
            }
            pool.start(readThreads: max(1, configuration.workerThreads),
                       writeThreads: max(1, configuration.writeWorkerThreads), name: "http-worker")
            let thread = Thread { [lifecycle] in
                loop.run()
                lifecycle.loopExited()
            }
            thread.name = "http-event-loop"
            lifecycle.started(loop: loop, pool: pool)
            thread.start()
            return port
        } catch {
            lifecycle.failedToStart()
            throw error
        }
    }

    public func stop() {
        guard let (loop, pool) = lifecycle.beginStopping() else {
            lifecycle.waitUntilStopped()
            return
        }
        loop.requestStop()
        lifecycle.waitForLoopExit()
        pool.shutdown()
        loop.discardLateResults()
        lifecycle.stopped()
    }

    /// Client connections open now, for monitoring.
    public var openConnections: Int { connectionCount.value }

    /// Blocks until `stop()` has completed; returns at once if the server never started.
    public func waitUntilStopped() {
        lifecycle.waitUntilStopped()
    }
}
